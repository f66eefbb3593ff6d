// Progressive enhancement only: every page works without this file.
// Buttons marked data-confirm ask before submitting (e.g. disabling a user).
document.addEventListener('submit', function (event) {
  var submitter = event.submitter;
  var message = (submitter && submitter.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Customer search on the intake form: results as you type (server-rendered HTML), pick without reloading.
(function () {
  var input = document.querySelector('input[data-search-url]');
  var results = document.getElementById('customer-results');
  if (!input || !results) { return; }
  var timer = null;
  var last = '';
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var term = input.value.trim();
      if (term === last) { return; }
      last = term;
      fetch(input.getAttribute('data-search-url') + '?q=' + encodeURIComponent(term), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (html) { results.innerHTML = html; });
    }, 200);
  });
  results.addEventListener('click', function (event) {
    var link = event.target.closest('[data-pick-customer]');
    if (!link) { return; }
    event.preventDefault();
    var hidden = document.querySelector('input[data-customer-id]');
    hidden.value = link.getAttribute('data-pick-customer');
    var newCustomer = document.querySelector('[data-new-customer]');
    if (newCustomer) { newCustomer.hidden = true; newCustomer.disabled = true; }
    results.textContent = '';
    var chosen = document.createElement('p');
    chosen.className = 'mb-0';
    chosen.setAttribute('data-testid', 'picked-customer');
    var strong = document.createElement('strong');
    strong.textContent = link.getAttribute('data-customer-label');
    chosen.appendChild(strong);
    chosen.appendChild(document.createTextNode(' — chosen. '));
    var change = document.createElement('a');
    change.href = '/cases/new';
    change.textContent = 'choose someone else';
    chosen.appendChild(change);
    results.appendChild(chosen);
  });
})();

// Gesture amount vs the guidance range: a warning as you type (the server records it too; it never blocks).
(function () {
  var amount = document.querySelector('input[data-guidance-min]');
  var out = document.getElementById('amount-guidance');
  if (!amount || !out) { return; }
  var min = parseFloat(amount.getAttribute('data-guidance-min'));
  var max = parseFloat(amount.getAttribute('data-guidance-max'));
  function check() {
    var v = parseFloat(amount.value.replace(',', '.'));
    if (isNaN(v) || isNaN(min) || isNaN(max)) { out.textContent = ''; return; }
    if (v < min) { out.textContent = 'Below the suggested range: a token amount can add insult. Consider an apology only, or a gesture within the range.'; }
    else if (v > max) { out.textContent = 'Above the suggested range: over-compensation stops helping.'; }
    else { out.textContent = ''; }
  }
  amount.addEventListener('input', check);
  check();
})();
