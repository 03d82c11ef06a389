// The API page's "Try it" forms: fill the path parameters in, add the query ones, fetch the
// JSON from this server and show it under the form. No other site is ever asked.
(function () {
  "use strict";
  function run(form, event) {
    event.preventDefault();
    var path = form.getAttribute("data-path");
    var query = new URLSearchParams();
    var inputs = form.querySelectorAll("input[name]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i], value = input.value.trim();
      if (input.getAttribute("data-in") === "path") {
        path = path.replace("{" + input.name + "}", encodeURIComponent(value));
      } else if (value) {
        query.append(input.name, value);
      }
    }
    var url = path + (query.toString() ? "?" + query.toString() : "");
    var out = form.nextElementSibling;
    out.hidden = false;
    out.textContent = "GET " + url + " …";
    fetch(url, { headers: { "Accept": "application/json" } }).then(function (response) {
      return response.text().then(function (body) {
        var shown = body;
        try { shown = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* as sent */ }
        out.textContent = "GET " + url + " → " + response.status + "\n\n" + shown;
      });
    }).catch(function (error) { out.textContent = "GET " + url + " failed: " + error; });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList && form.classList.contains("try")) { run(form, event); }
  });
})();
