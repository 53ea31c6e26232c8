(function () {
  var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var buttons = Array.prototype.slice.call(document.querySelectorAll('button[data-filter]'));
  var search = document.getElementById('search');
  var none = document.getElementById('nomatch');
  var filter = 'all';
  function apply() {
    var query = search.value.trim().toLowerCase();
    var shown = 0;
    cases.forEach(function (c) {
      var visible = (filter === 'all' || c.getAttribute('data-status') === filter)
          && (query === '' || c.textContent.toLowerCase().indexOf(query) !== -1);
      c.hidden = !visible;
      if (visible) { shown++; }
    });
    none.hidden = shown !== 0;
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      filter = b.getAttribute('data-filter');
      buttons.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
      apply();
    });
  });
  search.addEventListener('input', apply);
  document.getElementById('expand').addEventListener('click', function () {
    var open = cases.some(function (c) { return !c.hidden && !c.open; });
    cases.forEach(function (c) { if (!c.hidden) { c.open = open; } });
  });
})();
