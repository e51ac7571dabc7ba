/* The sign-in dialog's last step: hand the new token to the task pane that opened this window. */
(function (root) {
  "use strict";
  function handOver() {
    var handover = document.getElementById("handover");
    var ui = root.Office && root.Office.context && root.Office.context.ui;
    if (handover && ui && typeof ui.messageParent === "function") {
      ui.messageParent(JSON.stringify({ token: handover.getAttribute("data-token") }));
    }
  }
  if (root.Office && typeof root.Office.onReady === "function") {
    root.Office.onReady(function () {
      if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", handOver); } else { handOver(); }
    });
  }
})(this);
