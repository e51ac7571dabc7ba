"use strict";
// A simulated Outlook for the Node tests: office-addin-mock objects holding a message (read mode)
// or a draft (compose mode), answering the callback-style Office APIs the add-in scripts call.
const { OfficeMockObject } = require("office-addin-mock");

const ok = (value) => ({ status: "succeeded", value });

function recipients(list) {
  return {
    list,
    getAsync(callback) { callback(ok(this.list)); }
  };
}

function draft({ to = [], cc = [], subject = "", html = "", headers = {} } = {}) {
  return {
    itemType: "message",
    to: recipients(to),
    cc: recipients(cc),
    subject: { value: subject, getAsync(callback) { callback(ok(this.value)); } },
    body: {
      html,
      selected: [],
      getAsync(coercion, callback) { callback(ok(coercion === "text" ? this.html.replace(/<[^>]+>/g, "") : this.html)); },
      setAsync(value, options, callback) { this.html = value; this.coercion = options.coercionType; callback(ok()); },
      setSelectedDataAsync(value, options, callback) { this.selected.push({ value, coercion: options.coercionType }); callback(ok()); }
    },
    internetHeaders: {
      headers,
      getAsync(names, callback) {
        const found = {};
        names.forEach((n) => { if (this.headers[n] !== undefined) { found[n] = this.headers[n]; } });
        callback(ok(found));
      },
      setAsync(values, callback) { Object.assign(this.headers, values); callback(ok()); }
    }
  };
}

function outlook({ item, me = "rep@genjin.example", displayLanguage = "en-US", mailbox14 = true, naa = false,
  roaming = {} } = {}) {
  return new OfficeMockObject({
    CoercionType: { Html: "html", Text: "text" },
    EventType: { ItemChanged: "olkItemSelectedChanged", DialogMessageReceived: "dialogMessageReceived",
      DialogEventReceived: "dialogEventReceived" },
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } },
    context: {
      displayLanguage,
      requirements: {
        isSetSupported(name, version) {
          if (name === "NestedAppAuth") { return naa; }
          if (name === "Mailbox") { return mailbox14 || Number(version) < 1.14; }
          return false;
        }
      },
      roamingSettings: {
        values: roaming,
        get(key) { return this.values[key]; },
        set(key, value) { this.values[key] = value; },
        remove(key) { delete this.values[key]; },
        saveAsync(callback) { callback(ok()); }
      },
      mailbox: { item, userProfile: { emailAddress: me } },
      ui: {}
    }
  }, "outlook");
}

module.exports = { outlook, draft, ok };
