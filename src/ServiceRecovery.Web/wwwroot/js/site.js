// Progressive enhancement only: every page works without this file.
// Buttons marked data-confirm ask before submitting (e.g. disabling a user).
document.addEventListener('submit', function (event) {
  var submitter = event.submitter;
  var message = (submitter && submitter.getAttribute('data-confirm')) || event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
