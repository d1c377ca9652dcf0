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
