/*
 * Genjin's send check (Outlook Smart Alerts, OnMessageSend, SoftBlock). One plain file with no
 * imports and no DOM: classic Outlook on Windows runs it alone in its JavaScript-only runtime.
 * When a mail looks like a quotation to a customer and is not tracked, Outlook shows a reminder
 * with "Track it" (opens the task pane) and "Send anyway". Anything slow or broken lets the mail go:
 * Genjin answers within 5 seconds or not at all.
 */
(function (root) {
  "use strict";

  var TRACK_HEADER = "X-Genjin-Track";
  var STORAGE_KEY = "genjin.auth";
  var BUDGET_MS = 4000;
  var OPEN_PANE_COMMAND = "genjinComposePane"; // the compose button's id in the manifest
  var WORDS = {
    "en": {
      reminder: "This looks like a quotation to {0} and it isn't tracked. Track it to know when they open it, or send it anyway.",
      someone: "a customer",
      track: "Track it"
    },
    "zh-CN": {
      reminder: "这封邮件像是发给 {0} 的报价，但尚未开启跟踪。开启跟踪即可知道客户何时打开；也可以直接发送。",
      someone: "客户",
      track: "开启跟踪"
    }
  };

  function call(target, method) {
    var args = Array.prototype.slice.call(arguments, 2);
    return new Promise(function (resolve, reject) {
      args.push(function (result) {
        if (result && result.status === "failed") { reject(result.error || new Error(method)); } else { resolve(result && result.value); }
      });
      target[method].apply(target, args);
    });
  }

  function addresses(list) {
    return (list || []).map(function (r) { return String(r.emailAddress || "").toLowerCase(); }).filter(Boolean);
  }

  function credential(office) {
    try {
      var raw = office.context.roamingSettings && office.context.roamingSettings.get(STORAGE_KEY);
      var c = raw ? (typeof raw === "string" ? JSON.parse(raw) : raw) : null;
      if (!c || !c.token || (c.expiresAt && c.expiresAt < Date.now())) { return null; }
      return c;
    } catch (e) {
      return null;
    }
  }

  function url(base, path) {
    var b = String(base || "").replace(/\/+$/, "");
    return /\/api$/.test(b) ? b + path.substring(4) : b + path;
  }

  /**
   * Decides one send. Calls event.completed exactly once: allow, or a SoftBlock reminder.
   * @param env office, fetch, budgetMs (tests shorten it)
   */
  function check(event, env) {
    var office = env.office;
    var done = false;
    function finish(options) {
      if (done) { return; }
      done = true;
      event.completed(options);
    }
    var timer = setTimeout(function () { finish({ allowEvent: true }); }, env.budgetMs || BUDGET_MS);
    var c = credential(office);
    var item = office.context.mailbox.item;
    if (!c || !c.apiBase || !item) {
      clearTimeout(timer);
      finish({ allowEvent: true });
      return Promise.resolve();
    }
    var text = office.CoercionType && office.CoercionType.Text || "text";
    var tracked = item.internetHeaders && typeof item.internetHeaders.getAsync === "function"
      ? call(item.internetHeaders, "getAsync", [TRACK_HEADER]).then(function (h) { return !!(h && h[TRACK_HEADER]); },
        function () { return false; })
      : Promise.resolve(false);
    return Promise.all([call(item.to, "getAsync"), call(item.cc, "getAsync"), call(item.subject, "getAsync"),
      call(item.body, "getAsync", text), tracked])
      .then(function (got) {
        if (got[4]) { return { remind: false }; }
        return env.fetch(url(c.apiBase, "/api/addin/compose/check"), {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept": "application/json", "Authorization": "Bearer " + c.token },
          body: JSON.stringify({ to: addresses(got[0]), cc: addresses(got[1]), subject: got[2] || "",
            text: String(got[3] || "").substring(0, 20000), tracked: false })
        }).then(function (r) { return r.ok ? r.json() : { remind: false }; });
      })
      .then(function (answer) {
        clearTimeout(timer);
        if (!answer || !answer.remind) {
          finish({ allowEvent: true });
          return;
        }
        var lang = /^zh/i.test(office.context.displayLanguage || "") ? "zh-CN" : "en";
        var w = WORDS[lang];
        var options = { allowEvent: false, errorMessage: w.reminder.replace("{0}", answer.customerName || w.someone) };
        var req = office.context.requirements;
        if (req && typeof req.isSetSupported === "function" && req.isSetSupported("Mailbox", "1.14")) {
          options.cancelLabel = w.track;
          options.commandId = OPEN_PANE_COMMAND;
          if (office.MailboxEnums && office.MailboxEnums.SendModeOverride) {
            options.sendModeOverride = office.MailboxEnums.SendModeOverride.PromptUser;
          }
        }
        finish(options);
      }, function () {
        clearTimeout(timer);
        finish({ allowEvent: true });
      });
  }

  function onMessageSendHandler(event) {
    check(event, { office: root.Office, fetch: function (u, i) { return root.fetch(u, i); } });
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { check: check, onMessageSendHandler: onMessageSendHandler, OPEN_PANE_COMMAND: OPEN_PANE_COMMAND };
  } else if (root.Office && root.Office.actions && typeof root.Office.actions.associate === "function") {
    root.Office.actions.associate("onMessageSendHandler", onMessageSendHandler);
  }
})(this);
