// The main navigation on a phone: folded behind a "Menu" button, so that the header does not
// take a third of the screen. Without JavaScript, or on a wide screen, the links are shown.
(function () {
  const button = document.querySelector(".menu-toggle");
  const nav = document.getElementById("site-nav");
  if (!button || !nav) return;
  const narrow = window.matchMedia("(max-width: 40rem)");
  function layout() {
    if (narrow.matches) {
      button.hidden = false;
      nav.hidden = button.getAttribute("aria-expanded") !== "true";
    } else {
      button.hidden = true;
      nav.hidden = false;
    }
  }
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", function () {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    nav.hidden = !open;
  });
  narrow.addEventListener("change", layout);
  layout();
})();
