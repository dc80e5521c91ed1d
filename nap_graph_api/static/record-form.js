// The record form, enhanced: checked as you type (POST /record-form/check; each problem
// beside its field), a draft kept in this browser (localStorage), and only the paragraphs
// of ticked outcomes shown. Without JavaScript the form's buttons do the same on the server.
(function () {
  const form = document.getElementById("record-form");
  if (!form) return;
  const labels = JSON.parse(document.getElementById("form-labels").textContent);
  const KEY = "nap-graph-record-draft";
  const discard = document.getElementById("discard-draft");

  function paragraphs() {
    for (const box of form.querySelectorAll("input[name=strategic_outcomes], input[name=sub_outcomes]")) {
      const paragraph = form.querySelector(`.paragraph[data-outcome="${CSS.escape(box.value)}"]`);
      if (paragraph) paragraph.hidden = !box.checked;
    }
  }

  function save() {
    const entries = [...new FormData(form).entries()].filter(([k]) => k !== "csrf" && k !== "action");
    localStorage.setItem(KEY, JSON.stringify(entries));
    discard.hidden = false;
  }

  function restore() {
    const saved = localStorage.getItem(KEY);
    if (!saved || form.querySelector("#organisation").value) return;
    const entries = JSON.parse(saved);
    for (const [name, value] of entries) {
      for (const field of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
        if (field.type === "checkbox") field.checked = field.checked || field.value === value;
        else if (!field.value) field.value = value;
      }
    }
    discard.hidden = false;
  }

  function show(problems) {
    for (const list of document.querySelectorAll(".field-problems")) list.replaceChildren();
    for (const p of problems) {
      const list = document.getElementById("problems-" + p.field) || document.getElementById("problems-");
      const item = document.createElement("li");
      const tag = document.createElement("span");
      tag.className = "severity severity-" + p.severity;
      tag.textContent = labels[p.severity] || p.severity;
      item.append(tag, " " + p.message);
      list.append(item);
    }
  }

  let timer = null;
  async function check() {
    const body = new URLSearchParams(new FormData(form));
    body.delete("action");
    const answer = await fetch("/record-form/check", { method: "POST", body });
    if (answer.ok) show((await answer.json()).problems);
  }

  form.addEventListener("input", () => {
    paragraphs();
    save();
    clearTimeout(timer);
    timer = setTimeout(check, 700);
  });
  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.value === "submit") localStorage.removeItem(KEY);
  });
  discard.addEventListener("click", () => {
    localStorage.removeItem(KEY);
    window.location.href = "/record-form";
  });
  // Another plan has other outcomes: show them at once.
  const plan = form.querySelector("#plan");
  plan.addEventListener("change", () => {
    save();
    form.querySelector("button[value=plan]").click();
  });
  restore();
  paragraphs();
})();
