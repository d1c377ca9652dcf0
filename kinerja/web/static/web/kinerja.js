/* Behaviour that would otherwise be inline (the Content-Security-Policy allows no inline script).
   A <select data-action-template=".../0/"> points its form at the chosen record: "/0/" in the
   template is replaced by "/<value>/". */
document.addEventListener("change", function (event) {
  var select = event.target;
  var template = select.getAttribute && select.getAttribute("data-action-template");
  if (template && select.form) {
    select.form.action = template.replace("/0/", "/" + encodeURIComponent(select.value) + "/");
  }
});

/* Phones: the menu starts folded (it is open in the page so it works without script). */
document.addEventListener("DOMContentLoaded", function () {
  var menu = document.querySelector(".main-nav details.menu");
  if (menu && window.matchMedia) {
    var phone = window.matchMedia("(max-width: 768px)");
    var fit = function () { menu.open = !phone.matches; };
    fit();
    if (phone.addEventListener) { phone.addEventListener("change", fit); }
  }
  /* The current page's menu entry */
  var here = window.location.pathname;
  var best = null;
  document.querySelectorAll(".main-nav a").forEach(function (a) {
    var path = a.getAttribute("href");
    if (path && path !== "/" && here.indexOf(path) === 0 && (!best || path.length > best.getAttribute("href").length)) {
      best = a;
    }
  });
  if (best) { best.setAttribute("aria-current", "page"); }
  wrapTables(document);
});

/* Every table scrolls inside its own box on a narrow screen, not the page; the box can take the
   keyboard focus so it can be scrolled without a mouse. Also after htmx swaps part of a page. */
function wrapTables(root) {
  root.querySelectorAll("main table").forEach(function (table) {
    var parent = table.parentElement;
    if (!parent.classList.contains("overflow-auto") && !parent.classList.contains("table-scroll")) {
      var box = document.createElement("div");
      box.className = "table-scroll";
      parent.insertBefore(box, table);
      box.appendChild(table);
      parent = box;
    }
    if (parent.scrollWidth > parent.clientWidth && !parent.hasAttribute("tabindex")) {
      parent.setAttribute("tabindex", "0");
      parent.setAttribute("role", "region");
      var caption = table.querySelector("caption");
      parent.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabel");
    }
  });
}
document.addEventListener("htmx:afterSettle", function (event) { wrapTables(event.target); });
