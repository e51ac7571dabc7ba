/*
 * A simulated Outlook host for the browser tests: stands in for office.js (genjin.addin.office-js-url
 * points here), so it runs before the page's own scripts. The test describes the mailbox item in the
 * page's URL fragment as JSON; window.__officeStub lets it change the item (ItemChanged) and read
 * what the pane did to the draft. On the sign-in page, opened as the "dialog", messageParent hands
 * the message to the pane that opened it, as Office does.
 */
(function () {
  "use strict";
  var spec = {};
  try { spec = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.substring(1))) : {}; } catch (e) { spec = {}; }
  var ok = function (value) { return { status: "succeeded", value: value }; };
  var later = function (callback, result) { setTimeout(function () { callback(result); }, 0); };
  var lastFunction = function (args) {
    for (var i = args.length - 1; i >= 0; i--) { if (typeof args[i] === "function") { return args[i]; } }
    return function () {};
  };
  var recorded = { dialogs: [], opened: [], inserted: [] };
  var itemChanged = null;
  var dialog = null;

  function recipients(list) {
    return { getAsync: function () { later(lastFunction(arguments), ok((list || []).slice())); } };
  }

  function makeItem(s) {
    if (!s) { return null; }
    var text = function (html) { return String(html || "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(); };
    if (s.mode === "compose") {
      var draft = {
        itemType: "message",
        to: recipients(s.to),
        cc: recipients(s.cc),
        subject: { getAsync: function () { later(lastFunction(arguments), ok(s.subject || "")); } },
        body: {
          html: s.html || "",
          getAsync: function (coercion) { later(lastFunction(arguments), ok(coercion === "text" ? text(draft.body.html) : draft.body.html)); },
          setAsync: function (value) { draft.body.html = value; later(lastFunction(arguments), ok()); },
          setSelectedDataAsync: function (value) { recorded.inserted.push(value); later(lastFunction(arguments), ok()); }
        },
        internetHeaders: {
          values: {},
          getAsync: function (names) {
            var found = {};
            names.forEach(function (n) { if (draft.internetHeaders.values[n] !== undefined) { found[n] = draft.internetHeaders.values[n]; } });
            later(lastFunction(arguments), ok(found));
          },
          setAsync: function (values) {
            Object.keys(values).forEach(function (k) { draft.internetHeaders.values[k] = values[k]; });
            later(lastFunction(arguments), ok());
          }
        }
      };
      return draft;
    }
    return {
      itemType: "message",
      itemId: s.itemId || s.internetMessageId,
      internetMessageId: s.internetMessageId,
      subject: s.subject || "",
      from: s.from,
      to: s.to || [],
      cc: s.cc || [],
      dateTimeCreated: new Date(s.sentAt || "2026-11-30T08:00:00Z"),
      body: { getAsync: function () { later(lastFunction(arguments), ok(s.html || "<p>Hello</p>")); } },
      getAsFileAsync: function () { later(lastFunction(arguments), ok(btoa(s.eml || "Subject: test\r\n\r\nHello\r\n"))); }
    };
  }

  var roaming = {};
  if (spec.credential) { roaming["genjin.auth"] = JSON.stringify(spec.credential); }

  window.Office = {
    CoercionType: { Html: "html", Text: "text" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { ItemChanged: "olkItemSelectedChanged", DialogMessageReceived: "dialogMessageReceived",
      DialogEventReceived: "dialogEventReceived" },
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } },
    onReady: function (callback) {
      var ready = new Promise(function (resolve) { setTimeout(function () { resolve({ host: "Outlook", platform: "OfficeOnline" }); }, 0); });
      if (callback) { ready.then(callback); }
      return ready;
    },
    context: {
      displayLanguage: spec.lang || "en-US",
      requirements: {
        isSetSupported: function (name) { return name === "NestedAppAuth" ? !!spec.naa : name === "Mailbox"; }
      },
      roamingSettings: {
        get: function (k) { return roaming[k]; },
        set: function (k, v) { roaming[k] = v; },
        remove: function (k) { delete roaming[k]; },
        saveAsync: function () { later(lastFunction(arguments), ok()); }
      },
      mailbox: {
        item: makeItem(spec.item),
        userProfile: { emailAddress: spec.me || "", displayName: "Rep" },
        addHandlerAsync: function (type, handler) {
          if (type === "olkItemSelectedChanged") { itemChanged = handler; }
          later(lastFunction(Array.prototype.slice.call(arguments, 2)), ok());
        }
      },
      ui: {
        displayDialogAsync: function (url, options, callback) {
          recorded.dialogs.push(url);
          var w = window.open(url, "genjin-dialog", "width=480,height=640");
          if (!w) { later(callback, { status: "failed", error: { code: 12009 } }); return; }
          var handlers = {};
          var closedByPane = false;
          dialog = { handlers: handlers };
          var watch = setInterval(function () {
            if (w.closed) {
              clearInterval(watch);
              if (!closedByPane && handlers.dialogEventReceived) { handlers.dialogEventReceived({ error: 12006 }); }
            }
          }, 100);
          later(callback, ok({
            addEventHandler: function (type, handler) { handlers[type] = handler; },
            close: function () { closedByPane = true; w.close(); }
          }));
        },
        messageParent: function (message) {
          window.opener.__officeStub.fromDialog(message, location.origin);
        },
        openBrowserWindow: function (url) { recorded.opened.push(url); }
      }
    }
  };

  window.__officeStub = {
    recorded: recorded,
    roaming: roaming,
    changeItem: function (s) {
      window.Office.context.mailbox.item = makeItem(s);
      if (itemChanged) { itemChanged({ type: "olkItemSelectedChanged" }); }
    },
    item: function () { return window.Office.context.mailbox.item; },
    fromDialog: function (message, origin) {
      if (dialog && dialog.handlers.dialogMessageReceived) { dialog.handlers.dialogMessageReceived({ message: message, origin: origin }); }
    }
  };
})();
