// The partners page: the network drawn with Cytoscape.js from the elements in the page (no
// request of its own); a node opens the thing's page when chosen. Without JavaScript, the
// table below the drawing holds the same relations.
(function () {
  const container = document.getElementById("network");
  const elements = JSON.parse(document.getElementById("network-elements").textContent);
  const BASE = "https://w3id.org/nap-graph/id/";
  const COUNTRY = "http://publications.europa.eu/resource/authority/country/";
  function page(iri) {
    if (iri.startsWith(BASE)) return "/doc/" + iri.slice(BASE.length);
    if (iri.startsWith(COUNTRY)) return "/country/" + iri.slice(COUNTRY.length);
    return null;
  }
  const cy = window.cytoscape({
    container,
    elements,
    layout: { name: "concentric", concentric: (node) => node.degree(), levelWidth: () => 2,
      minNodeSpacing: 50, animate: false },
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 11, "text-wrap": "wrap",
          "text-max-width": 120, "background-color": "#1d4f91", color: "#1b1b1b",
          "text-valign": "bottom", "text-margin-y": 4, width: 18, height: 18 } },
      { selector: 'node[type = "country"]', style: { "background-color": "#a33a00", shape: "round-rectangle" } },
      { selector: "edge", style: { width: 1.5, "line-color": "#8a8a8a", "curve-style": "bezier",
          "target-arrow-shape": "triangle", "target-arrow-color": "#8a8a8a" } },
      { selector: 'edge[relation = "unit of"]', style: { "line-style": "dashed" } },
    ],
  });
  cy.on("tap", "node", (event) => {
    const target = page(event.target.id());
    if (target) window.location.href = target;
  });
  window.napNetwork = cy;
})();
