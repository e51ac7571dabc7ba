/*
 * Genjin's Outlook task pane. One plain script (no modules, no build step): the parts that talk to
 * Office and to Genjin's API are plain functions exported for the Node tests; the rest draws the pane.
 * Outlook APIs used: the item's own fields and body (Mailbox 1.1+), internet headers (1.8),
 * getAsFileAsync (1.14, with a fallback), ItemChanged for pinning (1.5), the dialog API, and nested
 * app authentication through MSAL. Nothing else: no Exchange Web Services, no Outlook REST, no
 * Exchange callback or identity tokens (Microsoft switched them off in 2025).
 */
(function (root) {
  "use strict";

  var TRACK_HEADER = "X-Genjin-Track";
  var STORAGE_KEY = "genjin.auth";
  var API_TIMEOUT_MS = 10000;

  // ---------------------------------------------------------------- words

  function pickLanguage(displayLanguage) {
    return /^zh/i.test(displayLanguage || "") ? "zh-CN" : "en";
  }

  function translator(strings, lang) {
    var table = strings[lang] || strings.en;
    return function (key) {
      var text = table[key] !== undefined ? table[key] : (strings.en[key] !== undefined ? strings.en[key] : key);
      var args = Array.prototype.slice.call(arguments, 1);
      return text.replace(/\{(\d)\}/g, function (m, i) { return args[i] === undefined ? m : String(args[i]); });
    };
  }

  // ---------------------------------------------------------------- Office, promised

  /** Calls an Office async method (callback last) and settles with its value or its error. */
  function call(target, method) {
    var args = Array.prototype.slice.call(arguments, 2);
    return new Promise(function (resolve, reject) {
      args.push(function (result) {
        if (result && result.status === "failed") {
          reject(result.error || new Error(method + " failed"));
        } else {
          resolve(result ? result.value : undefined);
        }
      });
      target[method].apply(target, args);
    });
  }

  function coercion(office, name) {
    return office && office.CoercionType && office.CoercionType[name] || name.toLowerCase();
  }

  /** Compose items have recipient objects with getAsync; read items have plain arrays. */
  function isCompose(item) {
    return !!(item && item.to && typeof item.to.getAsync === "function");
  }

  function person(details) {
    return details && details.emailAddress
      ? { address: String(details.emailAddress).toLowerCase(), name: details.displayName || "" } : null;
  }

  function people(list) {
    return (list || []).map(person).filter(Boolean);
  }

  function unique(list) {
    var seen = {};
    return list.filter(function (p) {
      if (seen[p.address]) { return false; }
      seen[p.address] = true;
      return true;
    });
  }

  /**
   * Whose card the pane shows: in read mode the sender, or the recipients of a message the user sent
   * themselves; in compose mode the To and Cc recipients. Never the user's own address.
   */
  function partiesOf(item, me) {
    var own = String(me || "").toLowerCase();
    var notMe = function (p) { return p.address !== own; };
    if (isCompose(item)) {
      return Promise.all([call(item.to, "getAsync"), item.cc ? call(item.cc, "getAsync") : Promise.resolve([])])
        .then(function (lists) { return unique(people(lists[0]).concat(people(lists[1]))).filter(notMe).slice(0, 50); });
    }
    var from = person(item.from);
    var parties = from && from.address !== own ? [from] : people(item.to).concat(people(item.cc));
    return Promise.resolve(unique(parties).filter(notMe).slice(0, 50));
  }

  /** What {@code POST /api/addin/messages} needs: the whole message where Outlook gives it, else its fields. */
  function messagePayload(item, me, office) {
    var id = item.internetMessageId;
    if (typeof item.getAsFileAsync === "function") {
      return call(item, "getAsFileAsync").then(function (eml) { return { internetMessageId: id, eml: eml }; },
        function () { return fields(); });
    }
    return fields();

    function fields() {
      return call(item.body, "getAsync", coercion(office, "Html")).then(function (html) {
        var from = person(item.from) || { address: "", name: "" };
        return {
          internetMessageId: id,
          subject: item.subject || "",
          from: from,
          to: people(item.to),
          cc: people(item.cc),
          sentAt: item.dateTimeCreated ? new Date(item.dateTimeCreated).toISOString() : null,
          html: html,
          direction: from.address === String(me || "").toLowerCase() ? "OUTBOUND" : "INBOUND"
        };
      });
    }
  }

  /**
   * "Send as tracked quotation": the body goes through Genjin's tracking, comes back instrumented,
   * replaces the draft's body, and the signed header lets Genjin recognise the sent copy later.
   */
  function trackQuotation(item, api, companyId, office) {
    return Promise.all([
      call(item.subject, "getAsync"),
      call(item.body, "getAsync", coercion(office, "Html")),
      call(item.to, "getAsync"),
      item.cc ? call(item.cc, "getAsync") : Promise.resolve([])
    ]).then(function (got) {
      return api.post("/api/addin/compose/track", {
        subject: got[0] || "", html: got[1] || "",
        to: people(got[2]).map(function (p) { return p.address; }),
        cc: people(got[3]).map(function (p) { return p.address; }),
        companyId: companyId || undefined
      });
    }).then(function (tracked) {
      return call(item.body, "setAsync", tracked.html, { coercionType: coercion(office, "Html") })
        .then(function () {
          var headers = {};
          headers[tracked.header.name || TRACK_HEADER] = tracked.header.value;
          return call(item.internetHeaders, "setAsync", headers);
        })
        .then(function () { return tracked; });
    });
  }

  /** Whether this draft already carries Genjin's tracking header (set by this pane earlier). */
  function isTracked(item) {
    if (!item.internetHeaders || typeof item.internetHeaders.getAsync !== "function") {
      return Promise.resolve(false);
    }
    return call(item.internetHeaders, "getAsync", [TRACK_HEADER])
      .then(function (h) { return !!(h && h[TRACK_HEADER]); }, function () { return false; });
  }

  function insertSnippet(item, snippet, office) {
    return call(item.body, "setSelectedDataAsync", snippet.html, { coercionType: coercion(office, "Html") });
  }

  // ---------------------------------------------------------------- the stale-context guard

  /**
   * Every load of the pane takes a new turn; an answer that arrives for an earlier turn (the user
   * moved on to another message while it was on its way) is dropped instead of drawn.
   */
  function Turns() {
    var current = 0;
    var turns = {
      dropped: 0,
      next: function () { current += 1; return current; },
      isCurrent: function (turn) { return turn === current; },
      /** True (and counted) when an answer belongs to an earlier turn. */
      stale: function (turn) {
        if (turn === current) { return false; }
        turns.dropped += 1;
        return true;
      }
    };
    return turns;
  }

  // ---------------------------------------------------------------- Genjin's API

  function ApiError(kind, status, detail) {
    var e = new Error(detail || kind);
    e.kind = kind; // "offline" | "unauthorized" | "problem"
    e.status = status;
    e.detail = detail;
    return e;
  }

  function apiUrl(base, path) {
    var b = String(base || "").replace(/\/+$/, "");
    return /\/api$/.test(b) && path.indexOf("/api/") === 0 ? b + path.substring(4) : b + path;
  }

  /**
   * @param options base, token() (a promise of the Bearer token or null), fetch, timeoutMs
   */
  function Api(options) {
    var doFetch = options.fetch || root.fetch.bind(root);
    function request(method, path, body) {
      return Promise.resolve(options.token()).then(function (token) {
        if (!token) { throw ApiError("unauthorized", 401, null); }
        var controller = typeof AbortController !== "undefined" ? new AbortController() : null;
        var timer = setTimeout(function () { if (controller) { controller.abort(); } }, options.timeoutMs || API_TIMEOUT_MS);
        var init = { method: method, headers: { "Accept": "application/json", "Authorization": "Bearer " + token },
          signal: controller ? controller.signal : undefined, credentials: "omit" };
        if (body !== undefined) {
          init.headers["Content-Type"] = "application/json";
          init.body = JSON.stringify(body);
        }
        return doFetch(apiUrl(options.base, path), init).then(function (response) {
          clearTimeout(timer);
          if (response.status === 401) { throw ApiError("unauthorized", 401, null); }
          if (response.status >= 500 && response.status !== 501) { throw ApiError("offline", response.status, null); }
          return response.text().then(function (text) {
            var json = null;
            try { json = text ? JSON.parse(text) : null; } catch (ignored) { json = null; }
            if (!response.ok) {
              throw ApiError("problem", response.status, json && (json.detail || json.title) || ("HTTP " + response.status));
            }
            return json;
          });
        }, function () {
          clearTimeout(timer);
          throw ApiError("offline", 0, null);
        });
      });
    }
    return {
      get: function (path) { return request("GET", path); },
      post: function (path, body) { return request("POST", path, body === undefined ? {} : body); },
      put: function (path, body) { return request("PUT", path, body); },
      patch: function (path, body) { return request("PATCH", path, body); },
      request: request
    };
  }

  function cardPath(addresses) {
    return "/api/addin/card?" + addresses.map(function (a) { return "address=" + encodeURIComponent(a); }).join("&");
  }

  // ---------------------------------------------------------------- sign-in

  /**
   * Where the pane keeps its credential (with the API's address): Outlook's roaming settings, which
   * the send handler reads too, else localStorage.
   */
  function CredentialStore(office, storage) {
    var roaming = office && office.context && office.context.roamingSettings;
    return {
      read: function () {
        var raw = roaming ? roaming.get(STORAGE_KEY) : storage && storage.getItem(STORAGE_KEY);
        try { return raw ? (typeof raw === "string" ? JSON.parse(raw) : raw) : null; } catch (e) { return null; }
      },
      write: function (credential) {
        var raw = credential ? JSON.stringify(credential) : null;
        if (roaming) {
          if (raw) { roaming.set(STORAGE_KEY, raw); } else { roaming.remove(STORAGE_KEY); }
          return typeof roaming.saveAsync === "function" ? call(roaming, "saveAsync").catch(function () {}) : Promise.resolve();
        }
        if (storage) {
          if (raw) { storage.setItem(STORAGE_KEY, raw); } else { storage.removeItem(STORAGE_KEY); }
        }
        return Promise.resolve();
      }
    };
  }

  function naaPossible(office, config) {
    return !!(config && config.naa && config.naa.enabled && config.naa.clientId && office && office.context
      && office.context.requirements && office.context.requirements.isSetSupported("NestedAppAuth", "1.1"));
  }

  /**
   * Sign-in: nested app authentication (an Entra token for Genjin's API, through Outlook's own
   * account) where the host supports it; else a dialog on Genjin's sign-in page that hands back a
   * personal token.
   */
  function Auth(env) {
    var store = CredentialStore(env.office, env.storage);
    var app = null;

    function msalApp() {
      if (app) { return app; }
      app = Promise.resolve(env.loadMsal()).then(function (msal) {
        if (!msal || typeof msal.createNestablePublicClientApplication !== "function") {
          throw new Error("MSAL is missing");
        }
        return msal.createNestablePublicClientApplication({
          auth: { clientId: env.config.naa.clientId, authority: env.config.naa.authority || undefined }
        });
      });
      return app;
    }

    function viaNaa(interactive) {
      var request = { scopes: [env.config.naa.scope] };
      return msalApp().then(function (pca) {
        return pca.acquireTokenSilent(request).catch(function (e) {
          if (!interactive) { throw e; }
          return pca.acquireTokenPopup(request);
        });
      }).then(function (result) {
        var credential = { kind: "entra", token: result.accessToken, apiBase: env.config.apiBase,
          expiresAt: result.expiresOn ? new Date(result.expiresOn).getTime() : Date.now() + 30 * 60000 };
        return store.write(credential).then(function () { return credential; });
      });
    }

    function viaDialog() {
      var office = env.office;
      return new Promise(function (resolve, reject) {
        var url = String(env.config.webBase || "").replace(/\/+$/, "") + "/addin/signin?lang=" + encodeURIComponent(env.lang);
        if (!office.context.ui || typeof office.context.ui.displayDialogAsync !== "function") {
          reject(new Error("unavailable"));
          return;
        }
        office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, function (opened) {
          if (opened.status === "failed") {
            reject(new Error("unavailable"));
            return;
          }
          var dialog = opened.value;
          var events = office.EventType || {};
          dialog.addEventHandler(events.DialogMessageReceived || "dialogMessageReceived", function (arg) {
            dialog.close();
            var message = null;
            try { message = JSON.parse(arg.message); } catch (e) { message = null; }
            var expected = String(env.config.webBase || "").replace(/\/+$/, "");
            // Only our own sign-in page may hand us a credential.
            if (arg.origin && expected && arg.origin !== expected) { message = null; }
            if (message && message.token) {
              var credential = { kind: "personal", token: message.token, apiBase: env.config.apiBase };
              store.write(credential).then(function () { resolve(credential); });
            } else {
              reject(new Error("refused"));
            }
          });
          dialog.addEventHandler(events.DialogEventReceived || "dialogEventReceived", function () {
            reject(new Error("closed"));
          });
        });
      });
    }

    return {
      /** A usable token, or null when the user must sign in. */
      token: function () {
        var c = store.read();
        if (c && c.kind === "entra" && c.expiresAt && c.expiresAt < Date.now() + 60000) {
          return naaPossible(env.office, env.config)
            ? viaNaa(false).then(function (n) { return n.token; }, function () { return null; }) : Promise.resolve(null);
        }
        return Promise.resolve(c ? c.token : null);
      },
      /** Without a click: NAA's silent path only. */
      quiet: function () {
        return naaPossible(env.office, env.config) ? viaNaa(false).then(function () { return true; }, function () { return false; })
          : Promise.resolve(false);
      },
      /** After a click: NAA (a popup where Outlook needs one), else the dialog. */
      signIn: function () {
        if (!naaPossible(env.office, env.config)) { return viaDialog(); }
        return viaNaa(true).catch(function () { return viaDialog(); });
      },
      signOut: function () { return store.write(null); },
      store: store
    };
  }

  // ---------------------------------------------------------------- drawing

  function el(tag, attrs) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === undefined || v === null || v === false) { return; }
      if (k === "text") { node.textContent = v; } else if (k === "className") { node.className = v; }
      else if (k.indexOf("on") === 0) { node.addEventListener(k.substring(2), v); }
      else { node.setAttribute(k, v === true ? "" : v); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined || child === false) { continue; }
      if (Array.isArray(child)) { child.forEach(function (c) { if (c) { node.appendChild(c); } }); }
      else { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); }
    }
    return node;
  }

  var uid = 0;
  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  function Pane(env) {
    var t = env.t;
    var turns = Turns();
    var main = document.getElementById("main");
    var notice = document.getElementById("notice");
    var signOutButton = document.getElementById("signout");
    var state = { compose: false, chosen: null, tracked: false };

    function when(iso) {
      if (!iso) { return t("never"); }
      var ms = new Date(iso).getTime() - Date.now();
      var abs = Math.abs(ms);
      var units = [["day", 86400000], ["hour", 3600000], ["minute", 60000]];
      if (typeof Intl !== "undefined" && Intl.RelativeTimeFormat) {
        for (var i = 0; i < units.length; i++) {
          if (abs >= units[i][1] || i === units.length - 1) {
            if (units[i][0] === "day" && abs > 30 * 86400000) { break; }
            return new Intl.RelativeTimeFormat(env.lang, { numeric: "auto" }).format(Math.round(ms / units[i][1]), units[i][0]);
          }
        }
      }
      return new Date(iso).toLocaleDateString(env.lang);
    }

    function say(text, kind) {
      notice.textContent = "";
      notice.className = "notice" + (kind ? " notice-" + kind : "");
      notice.hidden = !text;
      if (text) { notice.appendChild(document.createTextNode(text)); }
    }

    function show() {
      main.textContent = "";
      for (var i = 0; i < arguments.length; i++) { if (arguments[i]) { main.appendChild(arguments[i]); } }
    }

    function failure(e, turn) {
      if (turn !== undefined && turns.stale(turn)) { return; }
      if (e && e.kind === "unauthorized") {
        env.auth.signOut().then(function () { showSignIn(); });
      } else if (e && e.kind === "offline") {
        offline();
      } else {
        say(t("failed", e && (e.detail || e.message) || "?"), "error");
      }
    }

    function offline() {
      say("", null);
      show(el("section", { className: "panel panel-warn", id: "offline", role: "alert" },
        el("p", { text: t("offline") }),
        el("button", { type: "button", className: "btn", id: "retry", onclick: function () { load(); } }, t("retry"))));
    }

    function showSignIn(errorText) {
      signOutButton.hidden = true;
      var button = el("button", { type: "button", className: "btn btn-primary", id: "signin" }, t("signIn"));
      button.addEventListener("click", function () {
        button.disabled = true;
        button.textContent = t("signingIn");
        env.auth.signIn().then(function () { load(); }, function (e) {
          var reason = e && e.message === "closed" ? t("signInClosed") : e && e.message === "unavailable"
            ? t("signInUnavailable") : t("signInRefused");
          showSignIn(t("signInFailed", reason));
        });
      });
      show(el("section", { className: "panel", id: "signin-panel" },
        el("h1", { className: "title", text: t("signIn") }),
        el("p", { className: "muted", text: t("signInIntro") }),
        errorText ? el("p", { className: "error", id: "signin-error", role: "alert", text: errorText }) : null,
        button));
    }

    // ---- read and compose: what to show

    function load() {
      var turn = turns.next();
      var item = env.office.context.mailbox.item;
      say("", null);
      state = { compose: isCompose(item), chosen: null, tracked: false, item: item };
      if (!item) {
        show(el("p", { className: "empty", id: "no-item", text: t("noItem") }));
        return Promise.resolve();
      }
      show(el("p", { className: "loading", role: "status", text: t("loading") }));
      return env.auth.token().then(function (token) {
        if (turns.stale(turn)) { return null; }
        if (!token) {
          return env.auth.quiet().then(function (ok) {
            if (turns.stale(turn)) { return null; }
            if (ok) { return load(); }
            showSignIn();
            return null;
          });
        }
        signOutButton.hidden = false;
        var me = env.office.context.mailbox.userProfile && env.office.context.mailbox.userProfile.emailAddress;
        return partiesOf(item, me).then(function (parties) {
          if (turns.stale(turn)) { return null; }
          if (!parties.length) {
            show(el("p", { className: "empty", id: "no-recipients", text: t(state.compose ? "noRecipients" : "noItem") }));
            return null;
          }
          return Promise.all([env.api.get(cardPath(parties.map(function (p) { return p.address; }))),
            state.compose ? isTracked(item) : Promise.resolve(false)])
            .then(function (got) {
              // The user may have moved to another message while Genjin answered: draw nothing for the old one.
              if (turns.stale(turn)) { return; }
              state.tracked = got[1];
              draw(got[0], parties, turn);
            });
        });
      }).catch(function (e) { failure(e, turn); });
    }

    function draw(card, parties, turn) {
      var customers = card.customers || [];
      var unknown = card.unknown || [];
      var blocks = [];
      if (state.compose) {
        blocks.push(composeBlock(customers, turn));
      } else {
        customers.forEach(function (c) { blocks.push(customerCard(c, turn)); });
      }
      unknown.forEach(function (u) { blocks.push(unknownCard(u, turn)); });
      if (state.compose && !customers.length && !unknown.length) {
        blocks.push(el("p", { className: "empty", text: t("noneKnown") }));
      }
      main.textContent = "";
      blocks.forEach(function (b) { main.appendChild(b); });
      document.body.setAttribute("data-mode", state.compose ? "compose" : "read");
      document.body.setAttribute("data-ready", "true");
    }

    function chips(c) {
      return el("p", { className: "chips" },
        c.grade ? el("span", { className: "chip chip-grade chip-grade-" + c.grade, text: t("grade." + c.grade) }) : null,
        c.stage ? el("span", { className: "chip", text: t("stage." + c.stage) }) : null,
        c.country ? el("span", { className: "chip chip-quiet", text: c.country }) : null);
    }

    function ownerLine(c) {
      return c.mine ? t("yours") : c.publicPool ? t("publicPool") : t("owner", c.owner && c.owner.name || "—");
    }

    function openLink(url) {
      return el("a", { className: "link", href: url, target: "_blank", rel: "noopener", onclick: function (ev) {
        var ui = env.office.context.ui;
        if (ui && typeof ui.openBrowserWindow === "function") {
          ev.preventDefault();
          ui.openBrowserWindow(url);
        }
      } }, t("openInGenjin"));
    }

    function customerCard(c, turn) {
      var q = c.quoteOpens || {};
      var tasks = c.openTasks || [];
      var timeline = c.timeline || [];
      var headingId = nextId("customer");
      return el("section", { className: "card customer", "aria-labelledby": headingId, "data-company": c.companyId },
        el("div", { className: "card-head" },
          el("h2", { className: "name", id: headingId, text: c.name }),
          openLink(c.url)),
        chips(c),
        el("p", { className: "muted small owner", text: ownerLine(c) }),
        el("dl", { className: "facts" },
          el("div", null, el("dt", { text: t("lastIn") }), el("dd", { className: "last-in", text: when(c.lastInboundAt) })),
          el("div", null, el("dt", { text: t("lastOut") }), el("dd", { className: "last-out", text: when(c.lastOutboundAt) })),
          el("div", null, el("dt", { text: t("quoteOpens") }), el("dd", { className: "quote-opens" },
            t("quoteOpensValue", q.human || 0, q.machine || 0),
            q.lastHumanOpenAt ? el("span", { className: "muted", text: " · " + t("lastOpened", when(q.lastHumanOpenAt)) }) : null))),
        el("h3", { className: "section", text: t("openTasks") }),
        tasks.length ? el("ul", { className: "list tasks" }, tasks.map(function (task) {
          return el("li", { className: task.priority === "HIGH" ? "high" : null },
            el("span", { text: task.title }),
            task.dueAt ? el("span", { className: "muted small", text: " · " + t("due", when(task.dueAt)) }) : null);
        })) : el("p", { className: "muted small", text: t("noTasks") }),
        el("h3", { className: "section", text: t("recent") }),
        timeline.length ? el("ul", { className: "list timeline" }, timeline.map(function (a) {
          return el("li", null, el("span", { className: "muted small", text: when(a.at) + " · " }), el("span", { text: a.summary || a.type }));
        })) : el("p", { className: "muted small", text: t("noTimeline") }),
        actions(c, turn));
    }

    function field(labelText, control) {
      var id = control.id || nextId("f");
      control.id = id;
      return el("div", { className: "field" }, el("label", { "for": id, text: labelText }), control);
    }

    function select(options, value, attrs) {
      var s = el("select", attrs || {});
      options.forEach(function (o) { s.appendChild(el("option", { value: o[0], selected: o[0] === value, text: o[1] })); });
      return s;
    }

    /** Runs an action, says how it went unless the user moved on, and redraws the card. */
    function act(button, turn, work, done) {
      button.disabled = true;
      return work().then(function (result) {
        if (!turns.isCurrent(turn)) { return; }
        say(done(result), "ok");
        var text = notice.textContent;
        return load().then(function () { say(text, "ok"); });
      }, function (e) {
        button.disabled = false;
        failure(e, turn);
      });
    }

    function actions(c, turn) {
      var item = state.item;
      var logButton = el("button", { type: "button", className: "btn btn-primary", id: "log" }, t("log"));
      logButton.addEventListener("click", function () {
        var me = env.office.context.mailbox.userProfile && env.office.context.mailbox.userProfile.emailAddress;
        act(logButton, turn, function () {
          return messagePayload(item, me, env.office).then(function (body) { return env.api.post("/api/addin/messages", body); });
        }, function (r) { return r && r.status === "ALREADY_STORED" ? t("alreadyLogged") : t("logged"); });
      });

      // task or reminder
      var title = el("input", { type: "text", maxlength: "300", className: "task-title",
        value: t("taskDefaultTitle", item.subject || c.name) });
      var due = el("input", { type: "date", className: "task-due" });
      var priority = select([["NORMAL", t("priority.NORMAL")], ["HIGH", t("priority.HIGH")], ["LOW", t("priority.LOW")]], "NORMAL",
        { className: "task-priority" });
      function remindIn(days) {
        return el("button", { type: "button", className: "btn btn-quiet", onclick: function () {
          var d = new Date(Date.now() + days * 86400000);
          due.value = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
        } }, t(days === 1 ? "remindTomorrow" : days === 3 ? "remind3days" : "remindNextWeek"));
      }
      var addTask = el("button", { type: "button", className: "btn", id: "add-task" }, t("addTask"));
      addTask.addEventListener("click", function () {
        act(addTask, turn, function () {
          var dueAt = due.value ? new Date(due.value + "T09:00:00").toISOString() : undefined;
          return env.api.post("/api/companies/" + encodeURIComponent(c.companyId) + "/tasks",
            { title: title.value || t("taskDefaultTitle", c.name), type: "FOLLOW_UP", priority: priority.value, dueAt: dueAt });
        }, function () { return t("taskAdded"); });
      });

      var stages = ["LEAD", "INQUIRY", "QUOTED", "SAMPLE", "NEGOTIATION", "WON", "LOST", "DORMANT"];
      var stage = select(stages.map(function (s) { return [s, t("stage." + s)]; }), c.stage, { className: "stage" });
      var setStage = el("button", { type: "button", className: "btn", id: "set-stage" }, t("setStage"));
      setStage.addEventListener("click", function () {
        act(setStage, turn, function () {
          return env.api.put("/api/companies/" + encodeURIComponent(c.companyId) + "/stage", { stage: stage.value });
        }, function () { return t("stageSet", t("stage." + stage.value)); });
      });

      var grade = select(["A", "B", "C", "D"].map(function (g) { return [g, t("grade." + g)]; }), c.grade, { className: "grade" });
      var setGrade = el("button", { type: "button", className: "btn", id: "set-grade" }, t("setGrade"));
      setGrade.addEventListener("click", function () {
        act(setGrade, turn, function () {
          return env.api.patch("/api/companies/" + encodeURIComponent(c.companyId), { grade: grade.value });
        }, function () { return t("gradeSet", t("grade." + grade.value)); });
      });

      var enrollBox = el("div", { className: "enroll" });
      var contacts = c.contacts || [];
      if (contacts.length) {
        env.api.get("/api/sequences").then(function (sequences) {
          if (!turns.isCurrent(turn)) { return; }
          var live = (sequences || []).filter(function (s) { return !s.archived; });
          if (!live.length) { enrollBox.appendChild(el("p", { className: "muted small", text: t("noSequences") })); return; }
          var seq = select(live.map(function (s) { return [s.id, s.name]; }), live[0].id, { className: "sequence" });
          var who = select(contacts.map(function (p) { return [p.id, p.name ? p.name + " <" + p.address + ">" : p.address]; }),
            contacts[0].id, { className: "enroll-contact" });
          var go = el("button", { type: "button", className: "btn", id: "enroll" }, t("enrollButton"));
          go.addEventListener("click", function () {
            var name = seq.options[seq.selectedIndex].text;
            act(go, turn, function () {
              return env.api.post("/api/sequences/" + encodeURIComponent(seq.value) + "/enrollments", { contactId: who.value });
            }, function () { return t("enrolled", name); });
          });
          enrollBox.appendChild(field(t("enroll"), seq));
          if (contacts.length > 1) { enrollBox.appendChild(field(t("enrollContact"), who)); }
          enrollBox.appendChild(go);
        }, function () { /* the card still works without sequences */ });
      }

      return el("div", { className: "actions" },
        el("h3", { className: "section", text: t("actions") }),
        el("div", { className: "row" }, logButton),
        el("details", { className: "fold" }, el("summary", { text: t("task") }),
          field(t("taskTitle"), title),
          el("div", { className: "row" }, remindIn(1), remindIn(3), remindIn(7)),
          el("div", { className: "row two" }, field(t("taskDue"), due), field(t("taskPriority"), priority)),
          addTask),
        el("div", { className: "row inline" }, field(t("stage"), stage), setStage),
        el("div", { className: "row inline" }, field(t("grade"), grade), setGrade),
        enrollBox);
    }

    function unknownCard(u, turn) {
      var headingId = nextId("unknown");
      var body = [];
      if (u.taken) {
        body.push(el("p", { className: "muted small", text: t("taken") }));
      } else if (u.guess && u.guess.companyId) {
        var add = el("button", { type: "button", className: "btn btn-primary add-contact" }, t("addAsContact", u.guess.companyName));
        add.addEventListener("click", function () {
          act(add, turn, function () {
            return env.api.post("/api/companies/" + encodeURIComponent(u.guess.companyId) + "/contacts",
              { name: u.name || undefined, addresses: [u.address] });
          }, function () { return t("contactAdded", u.name || u.address); });
        });
        body.push(el("p", { className: "small", text: t("guessed", u.guess.companyName, u.guess.domain) }), add);
      }
      if (!u.taken && !(u.guess && u.guess.companyId)) {
        if (u.freeMail) { body.push(el("p", { className: "muted small", text: t("freeMail", u.address.split("@")[1]) })); }
        var name = el("input", { type: "text", maxlength: "200", className: "company-name", required: true,
          value: u.guess && u.guess.companyName || "" });
        var create = el("button", { type: "button", className: "btn btn-primary create-customer" }, t("createCustomer"));
        create.addEventListener("click", function () {
          if (!name.value.trim()) { name.focus(); return; }
          act(create, turn, function () {
            var domains = u.guess && u.guess.domain && !u.freeMail ? [u.guess.domain] : undefined;
            return env.api.post("/api/companies", { name: name.value.trim(), domains: domains }).then(function (company) {
              return env.api.post("/api/companies/" + encodeURIComponent(company.id) + "/contacts",
                { name: u.name || undefined, addresses: [u.address] }).then(function () { return company; });
            });
          }, function (company) { return t("customerCreated", company.name); });
        });
        body.push(field(t("companyName"), name), create);
      }
      return el("section", { className: "card unknown", "aria-labelledby": headingId, "data-address": u.address },
        el("h2", { className: "name", id: headingId, text: u.name || u.address }),
        u.name ? el("p", { className: "muted small", text: u.address }) : null,
        el("p", { className: "chips" }, el("span", { className: "chip chip-quiet", text: t("unknownTitle") })),
        body);
    }

    function composeBlock(customers, turn) {
      var item = state.item;
      var box = el("div", { className: "compose" });
      if (!customers.length) { return box; }
      state.chosen = state.chosen || customers[0].companyId;
      var chosen = function () {
        return customers.filter(function (c) { return c.companyId === state.chosen; })[0] || customers[0];
      };
      var summary = el("div", { className: "compose-card" });
      function drawSummary() {
        var c = chosen();
        summary.textContent = "";
        summary.appendChild(el("section", { className: "card customer", "aria-label": c.name, "data-company": c.companyId },
          el("div", { className: "card-head" }, el("h2", { className: "name", text: c.name }), openLink(c.url)),
          chips(c),
          el("p", { className: "muted small owner", text: ownerLine(c) }),
          el("p", { className: "muted small", text: t("lastIn") + ": " + when(c.lastInboundAt) })));
        snippets(c.companyId);
      }
      if (customers.length > 1) {
        var choose = select(customers.map(function (c) { return [c.companyId, c.name]; }), state.chosen, { id: "choose-customer" });
        choose.addEventListener("change", function () { state.chosen = choose.value; drawSummary(); });
        box.appendChild(field(t("chooseCustomer"), choose));
      }
      box.appendChild(summary);

      var trackButton = el("button", { type: "button", className: "btn btn-primary", id: "send-tracked" }, t("sendTracked"));
      var trackState = el("p", { className: "small tracked", id: "tracked", role: "status" });
      if (state.tracked) {
        trackButton.disabled = true;
        trackState.textContent = t("trackedAlready");
      }
      trackButton.addEventListener("click", function () {
        trackButton.disabled = true;
        trackState.textContent = t("tracking");
        trackQuotation(item, env.api, state.chosen, env.office).then(function () {
          if (!turns.isCurrent(turn)) { return; }
          state.tracked = true;
          trackState.textContent = t("tracked");
        }, function (e) {
          trackButton.disabled = false;
          trackState.textContent = "";
          failure(e, turn);
        });
      });
      box.appendChild(el("div", { className: "card" }, trackButton, trackState));

      var snippetBox = el("div", { className: "card snippets" });
      box.appendChild(snippetBox);
      function snippets(companyId) {
        snippetBox.textContent = "";
        env.api.get("/api/addin/snippets?companyId=" + encodeURIComponent(companyId)).then(function (list) {
          if (!turns.isCurrent(turn) || state.chosen !== companyId) { return; }
          if (!list || !list.length) { snippetBox.appendChild(el("p", { className: "muted small", text: t("noSnippets") })); return; }
          var pick = select(list.map(function (s) { return [s.id, t("kind." + s.kind) + " · " + s.name]; }), list[0].id, { id: "snippet" });
          var insert = el("button", { type: "button", className: "btn", id: "insert" }, t("insert"));
          insert.addEventListener("click", function () {
            var snippet = list.filter(function (s) { return s.id === pick.value; })[0];
            insertSnippet(item, snippet, env.office).then(function () {
              if (turns.isCurrent(turn)) { say(t("inserted"), "ok"); }
            }, function (e) { failure(e, turn); });
          });
          snippetBox.appendChild(el("div", { className: "row inline" }, field(t("insertLabel"), pick), insert));
        }, function (e) { failure(e, turn); });
      }
      drawSummary();
      return box;
    }

    signOutButton.addEventListener("click", function () {
      env.auth.signOut().then(function () { showSignIn(); });
    });

    return { load: load, turns: turns };
  }

  // ---------------------------------------------------------------- start-up

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = function () { resolve(root.msal); };
      s.onerror = function () { reject(new Error("MSAL is not served")); };
      document.head.appendChild(s);
    });
  }

  function domReady() {
    return new Promise(function (resolve) {
      if (document.readyState !== "loading") { resolve(); } else { document.addEventListener("DOMContentLoaded", resolve); }
    });
  }

  function loadConfig() {
    var fallback = { apiBase: location.origin, webBase: location.origin, naa: { enabled: false } };
    return fetch("/addin/config.json", { credentials: "omit" }).then(function (r) {
      return r.ok ? r.json() : fallback;
    }).then(function (c) {
      c.apiBase = c.apiBase || location.origin;
      c.webBase = c.webBase || location.origin;
      return c;
    }, function () { return fallback; });
  }

  function start(office) {
    var lang = pickLanguage(office.context.displayLanguage);
    var t = translator(root.GENJIN_STRINGS, lang);
    document.documentElement.lang = lang;
    document.title = t("app");
    document.getElementById("signout").textContent = t("signOut");
    document.getElementById("brand-name").textContent = t("app");
    return loadConfig().then(function (config) {
      var auth = Auth({ office: office, storage: root.localStorage, config: config, lang: lang,
        loadMsal: function () { return root.msal || loadScript("/addin/vendor/msal-browser.min.js"); } });
      var api = Api({ base: config.apiBase, token: auth.token });
      var pane = Pane({ office: office, auth: auth, api: api, t: t, lang: lang });
      root.genjinPane = pane;
      var mailbox = office.context.mailbox;
      // Pinned, the pane stays open while the user moves between messages: follow them.
      if (typeof mailbox.addHandlerAsync === "function" && office.EventType && office.EventType.ItemChanged) {
        mailbox.addHandlerAsync(office.EventType.ItemChanged, function () { pane.load(); });
      }
      return pane.load();
    });
  }

  var exported = {
    pickLanguage: pickLanguage, translator: translator, call: call, isCompose: isCompose, partiesOf: partiesOf,
    messagePayload: messagePayload, trackQuotation: trackQuotation, isTracked: isTracked, insertSnippet: insertSnippet,
    Turns: Turns, Api: Api, apiUrl: apiUrl, cardPath: cardPath, Auth: Auth, CredentialStore: CredentialStore,
    naaPossible: naaPossible, TRACK_HEADER: TRACK_HEADER
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = exported;
  } else {
    root.GenjinTaskPane = exported;
    if (root.Office && typeof root.Office.onReady === "function") {
      // office.js sits in the head, so Office may be ready before the page's body is.
      Promise.all([root.Office.onReady(), domReady()]).then(function () {
        return start(root.Office);
      }).catch(function (e) {
        var main = document.getElementById("main");
        if (main) { main.textContent = String(e && e.message || e); }
      });
    }
  }
})(this);
