// The query page: YASGUI on this server's endpoint, one tab per competency question, and
// results whose IRIs under https://w3id.org/nap-graph/ open this server's pages.
(function () {
  const Y = window.Yasgui.default || window.Yasgui.Yasgui || window.Yasgui;
  const examples = JSON.parse(document.getElementById("nap-examples").textContent);
  const labels = JSON.parse(document.getElementById("nap-labels").textContent);
  const yasgui = new Y(document.getElementById("yasgui"), {
    requestConfig: { endpoint: examples.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: examples.endpoint }] },
    persistenceId: null,
    tabName: labels.query,
    yasqe: { value: examples.default_query },
  });
  for (const tab of examples.tabs) {
    const defaults = Y.Tab.getDefaults();
    yasgui.addTab(false, {
      ...defaults,
      name: tab.name,
      yasqe: { ...defaults.yasqe, value: tab.query },
      requestConfig: { ...defaults.requestConfig, endpoint: examples.endpoint, method: "POST" },
    });
  }
  // A page's "open it in the query page" link: /sparql#query=<the query>, a tab of its own.
  if (location.hash.startsWith("#query=")) {
    const text = decodeURIComponent(location.hash.slice("#query=".length));
    const defaults = Y.Tab.getDefaults();
    const tab = yasgui.addTab(true, {
      ...defaults,
      name: labels.linked,
      yasqe: { ...defaults.yasqe, value: text },
      requestConfig: { ...defaults.requestConfig, endpoint: examples.endpoint, method: "POST" },
    });
    yasgui.selectTabId(tab.getId());
  }
  const BASE = "https://w3id.org/nap-graph/";
  const COUNTRY = "http://publications.europa.eu/resource/authority/country/";
  function local(href) {
    if (href.startsWith(BASE + "id/")) return "/doc/" + href.slice((BASE + "id/").length);
    if (href.startsWith(BASE)) return "/" + href.slice(BASE.length);
    if (href.startsWith(COUNTRY)) return "/country/" + href.slice(COUNTRY.length);
    return null;
  }
  function relink(root) {
    for (const a of root.querySelectorAll("a[href]")) {
      const target = local(a.getAttribute("href"));
      if (target) { a.setAttribute("href", target); a.removeAttribute("target"); }
    }
  }
  // YASGUI's markup, made accessible (axe-core, tests/api/test_site.py): the editor's
  // textarea gets a name, tabs point only at panels that exist, and the "new tab" button in
  // the tab list is a tab itself.
  function accessible(root) {
    for (const area of root.querySelectorAll(".CodeMirror textarea:not([aria-label])")) {
      area.setAttribute("aria-label", labels.editor);
    }
    // on a narrow screen the editor's scroller scrolls sideways: reachable by keyboard too
    for (const scroller of root.querySelectorAll(".CodeMirror-scroll:not([tabindex=\"0\"])")) {
      scroller.setAttribute("tabindex", "0");
    }
    for (const tab of root.querySelectorAll("[role=tab][aria-controls]")) {
      if (!document.getElementById(tab.getAttribute("aria-controls"))) {
        tab.removeAttribute("aria-controls");
      }
    }
    for (const button of root.querySelectorAll("[role=tablist] button:not([role])")) {
      button.setAttribute("role", "tab");
    }
  }
  // YASGUI's own words in the reader's language (it has no translations of its own): its
  // buttons, titles and the result table's lines, never the query or the results.
  const SHOWING = /^Showing ([\d,.]+) to ([\d,.]+) of ([\d,.]+)\b/;
  function translated(text) {
    const trimmed = text.trim();
    if (labels.words[trimmed]) return text.replace(trimmed, labels.words[trimmed]);
    const showing = trimmed.match(SHOWING);
    if (showing) {
      return labels.showing.replace("{start}", showing[1]).replace("{end}", showing[2])
        .replace("{total}", showing[3]);
    }
    return null;
  }
  function speak(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".CodeMirror, td, th, pre")) continue;
      const text = translated(node.nodeValue);
      if (text !== null && text !== node.nodeValue) node.nodeValue = text;
    }
    for (const element of root.querySelectorAll("[title], [aria-label]")) {
      for (const name of ["title", "aria-label"]) {
        const value = element.getAttribute(name);
        const text = value === null ? null : translated(value);
        if (text !== null && text !== value) element.setAttribute(name, text);
      }
    }
  }
  new MutationObserver(() => {
    const root = document.getElementById("yasgui");
    relink(root);
    accessible(root);
    speak(root);
  })
    .observe(document.getElementById("yasgui"), { childList: true, subtree: true });
  accessible(document.getElementById("yasgui")); // what YASGUI made before the observer
  speak(document.getElementById("yasgui"));
  // The endpoint's refusals said on the page (YASGUI shows nothing for them): the problem's
  // title in the reader's language, the engine's message with its position, a hint.
  const message = document.getElementById("query-message");
  function say(status, problem) {
    const key = labels[String(status)] ? String(status) : "other";
    document.getElementById("query-message-title").textContent = labels[key];
    document.getElementById("query-message-detail").textContent =
      problem.detail || problem.title || String(status);
    document.getElementById("query-message-hint").textContent = labels[key + "-hint"] || "";
    message.hidden = false;
    message.focus();
  }
  const sent = window.fetch.bind(window);
  window.fetch = async function (resource, options) {
    const answer = await sent(resource, options);
    const url = typeof resource === "string" ? resource : resource.url;
    if (new URL(url, location.href).pathname === new URL(examples.endpoint, location.href).pathname) {
      if (answer.ok) {
        message.hidden = true;
      } else {
        let problem = {};
        try { problem = await answer.clone().json(); } catch (e) { problem = { detail: answer.statusText }; }
        say(answer.status, problem);
      }
    }
    return answer;
  };
  window.napYasgui = yasgui;
})();
