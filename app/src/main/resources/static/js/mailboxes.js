// Mailboxes page: choosing a provider fills in its servers and shows how to get its app password.
// The server applies the same preset to fields left empty, so the form works without this script.
(function () {
  var form = document.getElementById('add-mailbox');
  if (!form) { return; }
  var select = form.querySelector('select[name=preset]');
  function field(name) { return form.querySelector('[name=' + name + ']'); }
  function apply(initial) {
    var option = select.options[select.selectedIndex];
    var d = option.dataset;
    if (d.imapHost && !(initial === true && field('host').value)) {
      field('host').value = d.imapHost;
      field('port').value = d.imapPort;
      field('security').value = d.imapSecurity;
      field('smtpHost').value = d.smtpHost;
      field('smtpPort').value = d.smtpPort;
      field('smtpSecurity').value = d.smtpSecurity;
    }
    form.querySelectorAll('.preset-hint').forEach(function (hint) {
      hint.hidden = hint.getAttribute('data-preset') !== select.value;
    });
  }
  select.addEventListener('change', apply);
  apply(true);
})();
