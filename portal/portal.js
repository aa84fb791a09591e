// The setup portal: one tenant's Tenant URL, tokens, settings, set-up guide
// and provisioning activity, all through the management API (/manage/v1)
// with the session the one-time link opened.  No framework, no build step;
// every call that fails shows its message where it was made.
"use strict";

(function () {
  const API = "/manage/v1";
  let session = null;  // {tenant, tenantUrl, csrfToken, expires, idleSeconds}
  let pendingConfirm = null;

  const $ = (id) => document.getElementById(id);

  // ---- talking to the management API --------------------------------------

  async function call(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && session) headers["X-CSRF-Token"] = session.csrfToken;
    let response;
    try {
      response = await fetch(API + path, {
        method: method,
        headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
        cache: "no-store",
      });
    } catch (e) {
      throw new Error("The server could not be reached. Check the connection and try again.");
    }
    let data = null;
    if (response.status !== 204) {
      try {
        data = await response.json();
      } catch (e) {
        data = null;
      }
    }
    if (!response.ok) {
      const error = new Error((data && data.message) || "The server answered " + response.status + ".");
      error.status = response.status;
      if (response.status === 401 && session) ended(error.message);
      throw error;
    }
    return data;
  }

  const tenantPath = (rest) => "/tenants/" + encodeURIComponent(session.tenant) + rest;

  function show(id, text) {
    const box = $(id);
    box.textContent = text || "";
    box.hidden = !text;
  }

  // Runs `work`, showing its failure in message box `where` (cleared first).
  async function guarded(where, work) {
    show(where, "");
    try {
      return await work();
    } catch (e) {
      show(where, e.message);
      return undefined;
    }
  }

  function when(iso) {
    if (!iso) return "never";
    const d = new Date(iso);
    return isNaN(d.getTime()) ? iso : d.toLocaleString();
  }

  function cell(row, text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function button(label, onClick, className) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (className) b.className = className;
    b.addEventListener("click", onClick);
    return b;
  }

  // ---- entering and leaving ------------------------------------------------

  function gate(title, text) {
    $("gate-title").textContent = title;
    $("gate-text").textContent = text;
    $("gate").hidden = false;
    $("portal").hidden = true;
    $("nav").hidden = true;
  }

  function ended(message) {
    session = null;
    gate("The session has ended", message + " Ask the product's administrator for a new setup link.");
  }

  async function start() {
    const link = new URLSearchParams(location.hash.slice(1)).get("link");
    if (link) history.replaceState(null, "", location.pathname);  // never kept in history
    try {
      session = link ? await call("POST", "/portal/session", { link: link }) : await call("GET", "/portal/session");
    } catch (e) {
      session = null;
      if (link) {
        gate("This link cannot be used", e.message);
      } else if (e.status === 401) {
        gate("Open your setup link", "This page opens with the one-time link you were given. " + e.message);
      } else {
        gate("The setup portal is not available", e.message);
      }
      return;
    }
    $("tenant-name").textContent = "for " + session.tenant;
    $("tenant-url").value = session.tenantUrl;
    document.querySelectorAll(".url-echo").forEach((n) => { n.textContent = session.tenantUrl; });
    $("gate").hidden = true;
    $("portal").hidden = false;
    $("nav").hidden = false;
    await Promise.all([loadTokens(), loadSettings(), loadSchemas(), loadActivity()]);
  }

  async function signOut() {
    await guarded("message", async () => {
      await call("DELETE", "/portal/session");
      session = null;
      gate("Signed out", "The session has ended. Open a new setup link to come back.");
    });
  }

  // ---- Connect: tokens ------------------------------------------------------

  function tokenState(t) {
    const now = Date.now();
    if (t.revoked) return "deleted " + when(t.revoked);
    if (t.expires && Date.parse(t.expires) <= now) return "expired";
    if (t.rotated) return "replaced; works until " + when(t.expires);
    return t.expires ? "active until " + when(t.expires) : "active";
  }

  function usable(t) {
    return !t.revoked && !t.rotated && !(t.expires && Date.parse(t.expires) <= Date.now());
  }

  let tokens = [];
  let provisioningOn = true;

  async function loadTokens() {
    const list = await guarded("tokens-error", () => call("GET", tenantPath("/tokens")));
    if (!list) return;
    tokens = list;
    const body = $("tokens").tBodies[0];
    body.replaceChildren();
    for (const t of list) {
      const row = document.createElement("tr");
      row.dataset.token = t.name;
      cell(row, t.name);
      cell(row, t.prefix + "…", "mono");
      cell(row, when(t.created));
      cell(row, when(t.lastUsed));
      cell(row, t.expires ? when(t.expires) : "never");
      cell(row, tokenState(t));
      const actions = cell(row, "", "actions");
      if (usable(t)) {
        actions.appendChild(button("Regenerate", () => regenerate(t.name)));
      }
      if (!t.revoked && !t.rotated) {
        actions.appendChild(button("Delete", () => confirmDelete(t.name), "danger"));
      }
      body.appendChild(row);
    }
    if (list.length === 0) {
      const row = document.createElement("tr");
      cell(row, "No token yet: press Generate.").colSpan = 7;
      body.appendChild(row);
    }
    renderLastCall();
  }

  function showSecret(issued, note) {
    $("secret-value").value = issued.token;
    $("secret-note").textContent = note;
    $("new-secret").hidden = false;
    $("secret-value").focus();
    $("secret-value").select();
  }

  async function generate(event) {
    event.preventDefault();
    const name = $("token-name").value.trim();
    const issued = await guarded("tokens-error", () => call("POST", tenantPath("/tokens"), name ? { name: name } : {}));
    if (!issued) return;
    $("token-name").value = "";
    showSecret(issued, "Token \"" + issued.name + "\" (" + issued.prefix + "…) is active now.");
    await loadTokens();
  }

  async function regenerate(name) {
    const minutes = Number($("overlap").value);
    if (!Number.isFinite(minutes) || minutes < 0) {
      show("tokens-error", "The overlap must be a number of minutes, 0 or more.");
      return;
    }
    const seconds = Math.round(minutes * 60);
    const issued = await guarded("tokens-error", () =>
      call("POST", tenantPath("/tokens/" + encodeURIComponent(name) + "/rotate"), { overlap: seconds + "s" }));
    if (!issued) return;
    const until = issued.previousExpires ? when(issued.previousExpires) : "now";
    showSecret(issued, "Token \"" + name + "\" has a new secret. The old one keeps working until " + until +
      "; give the identity provider the new one before then.");
    await loadTokens();
  }

  function confirmDelete(name) {
    pendingConfirm = name;
    $("confirm-text").textContent = "Token \"" + name + "\" stops working at once. An identity provider still " +
      "using it will fail until it is given another token.";
    $("confirm").showModal();
    $("confirm-cancel").focus();
  }

  async function confirmed() {
    const name = pendingConfirm;
    pendingConfirm = null;
    if ($("confirm").returnValue !== "ok" || !name) return;
    const done = await guarded("tokens-error", async () => {
      await call("DELETE", tenantPath("/tokens/" + encodeURIComponent(name)));
      return true;
    });
    if (done) await loadTokens();
  }

  // ---- Connect: settings ----------------------------------------------------

  async function loadSettings() {
    const s = await guarded("settings-error", () => call("GET", tenantPath("/settings")));
    if (!s) return;
    $("provisioning").checked = s.provisioning === "on";
    $("invitations").value = s.invitations;
    provisioningOn = s.provisioning === "on";
    renderLastCall();
  }

  async function saveSettings(event) {
    event.preventDefault();
    const s = await guarded("settings-error", () => call("PATCH", tenantPath("/settings"), {
      provisioning: $("provisioning").checked ? "on" : "off",
      invitations: $("invitations").value,
    }));
    if (s) {
      $("provisioning").checked = s.provisioning === "on";
      $("invitations").value = s.invitations;
      provisioningOn = s.provisioning === "on";
      renderLastCall();
    }
  }

  // ---- Guide: the attribute mapping ----------------------------------------

  // What Entra ID's own attribute usually feeds each SCIM attribute.
  const ENTRA_SOURCES = {
    "userName": "userPrincipalName",
    "active": "Switch([IsSoftDeleted], , \"False\", \"True\", \"True\", \"False\")",
    "displayName": "displayName",
    "title": "jobTitle",
    "emails[type eq \"work\"].value": "mail",
    "preferredLanguage": "preferredLanguage",
    "name.givenName": "givenName",
    "name.familyName": "surname",
    "name.formatted": "Join(\" \", [givenName], [surname])",
    "addresses[type eq \"work\"].formatted": "physicalDeliveryOfficeName",
    "addresses[type eq \"work\"].streetAddress": "streetAddress",
    "addresses[type eq \"work\"].locality": "city",
    "addresses[type eq \"work\"].region": "state",
    "addresses[type eq \"work\"].postalCode": "postalCode",
    "addresses[type eq \"work\"].country": "country",
    "phoneNumbers[type eq \"work\"].value": "telephoneNumber",
    "phoneNumbers[type eq \"mobile\"].value": "mobile",
    "phoneNumbers[type eq \"fax\"].value": "facsimileTelephoneNumber",
    "externalId": "mailNickname (or objectId)",
    "employeeNumber": "employeeId",
    "department": "department",
    "costCenter": "",
    "division": "",
    "organization": "companyName",
    "manager": "manager",
  };
  const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  function rows(attributes, prefix) {
    const out = [];
    for (const a of attributes || []) {
      if (a.mutability === "readOnly" || a.name === "password") continue;
      if (a.name === "manager") {
        out.push({ path: prefix + a.name, type: "reference", required: !!a.required });  // Entra maps it whole
      } else if (a.type === "complex" && a.subAttributes) {
        const type = a.multiValued ? firstType(a) : null;
        const base = a.multiValued ? prefix + a.name + "[type eq \"" + type + "\"]." : prefix + a.name + ".";
        for (const sub of a.subAttributes) {
          if (sub.mutability === "readOnly" || sub.name === "type" || sub.name === "primary" ||
              sub.name === "display" || sub.name === "$ref") continue;
          out.push({ path: base + sub.name, type: sub.type, required: !!sub.required });
        }
      } else {
        out.push({ path: prefix + a.name, type: a.type, required: !!a.required });
      }
    }
    return out;
  }

  function firstType(attribute) {
    const type = (attribute.subAttributes || []).find((s) => s.name === "type");
    return type && type.canonicalValues && type.canonicalValues.length ? type.canonicalValues[0] : "work";
  }

  async function loadSchemas() {
    const list = await guarded("schemas-error", () => call("GET", tenantPath("/schemas")));
    if (!list) return;
    const mapping = $("mapping");
    mapping.replaceChildren();
    const schemas = (list.Resources || []).filter((s) => s.id !== "urn:ietf:params:scim:schemas:core:2.0:Group");
    for (const schema of schemas) {
      const extension = schema.id !== CORE_USER;
      const heading = document.createElement("h4");
      heading.textContent = (schema.name || schema.id) + (extension ? " (extension)" : "");
      const urn = document.createElement("p");
      urn.className = "mono";
      urn.textContent = schema.id;
      const wrap = document.createElement("div");
      wrap.className = "scroll";
      const table = document.createElement("table");
      table.className = "mapping";
      const head = table.createTHead().insertRow();
      for (const title of ["Target attribute (name in the identity provider)", "Type", "Required",
        "Entra ID source attribute"]) {
        const th = document.createElement("th");
        th.scope = "col";
        th.textContent = title;
        head.appendChild(th);
      }
      const body = table.createTBody();
      for (const r of rows(schema.attributes, extension ? schema.id + ":" : "")) {
        const row = body.insertRow();
        cell(row, r.path, "mono");
        cell(row, r.type);
        cell(row, r.required ? "yes" : "no");
        const plain = r.path.startsWith(schema.id + ":") ? r.path.slice(schema.id.length + 1) : r.path;
        const known = schema.id === CORE_USER || schema.id === ENTERPRISE ? ENTRA_SOURCES[plain] : undefined;
        cell(row, known === undefined ? "(your choice)" : known || "(your choice)");
      }
      wrap.appendChild(table);
      mapping.append(heading, urn, wrap);
    }
  }

  // ---- Is it working? -------------------------------------------------------

  function renderLastCall() {
    let last = null;
    for (const t of tokens) {
      if (t.lastUsed && (!last || t.lastUsed > last.lastUsed)) last = t;
    }
    if (!last) {
      $("last-call").textContent = "No call yet.";
      $("test-status").textContent = "Not yet run: press Test Connection in the identity provider, then Refresh.";
      $("test-status").className = "";
      return;
    }
    $("last-call").textContent = when(last.lastUsed) + " with token \"" + last.name + "\"";
    if (!provisioningOn) {
      $("test-status").textContent = "The token is valid, but provisioning is off: every request of the " +
        "identity provider is refused (403) until it is switched on under Settings.";
      $("test-status").className = "failed";
      return;
    }
    $("test-status").textContent = "Succeeded: the identity provider reached this Tenant URL with a valid token " +
      "(last at " + when(last.lastUsed) + "). A Test Connection with a wrong URL or token never reaches a " +
      "tenant, so it cannot be shown here; the identity provider shows its error.";
    $("test-status").className = "ok";
  }

  function plainOutcome(e) {
    if (e.status < 400) return "Done (" + e.status + ")";
    const why = e.detail || "no detail";
    return "Failed (" + e.status + (e.scimType ? ", " + e.scimType : "") + "): " + why;
  }

  async function loadLog() {
    const query = $("failures-only").checked ? "?outcome=failure&limit=50" : "?limit=50";
    const page = await guarded("activity-error", () => call("GET", tenantPath("/log" + query)));
    if (!page) return;
    const body = $("log").tBodies[0];
    body.replaceChildren();
    for (const e of page.entries) {
      const row = body.insertRow();
      cell(row, when(e.time));
      cell(row, e.method + " " + e.resourceType);
      cell(row, e.name || e.resourceId || "");
      cell(row, plainOutcome(e), e.status < 400 ? "ok" : "failed");
    }
    $("log-empty").hidden = page.entries.length !== 0;
    if (page.entries.length === 0) {
      $("log-empty").textContent = $("failures-only").checked
        ? "No failures." : "Nothing yet: the identity provider has made no change.";
    }
  }

  async function loadSeats() {
    const seats = await guarded("activity-error", () => call("GET", tenantPath("/seats")));
    if (seats) $("seats").textContent = String(seats.activeUsers);
  }

  // The deprovisioning guard's held changes, each approved or rejected on
  // its own (POST …/held/approve|reject).
  async function loadHeld() {
    const held = await guarded("held-error", () => call("GET", tenantPath("/held")));
    if (!held) return;
    const body = $("held").tBodies[0];
    body.replaceChildren();
    for (const h of held) {
      const row = body.insertRow();
      row.dataset.hold = String(h.id);
      cell(row, when(h.held));
      cell(row, h.change === "deletion" ? "Deletion" : "Deactivation");
      cell(row, h.userName || h.userId);
      const actions = cell(row, "");
      actions.appendChild(button("Approve", () => decide(h.id, "approve")));
      actions.appendChild(button("Reject", () => decide(h.id, "reject"), "danger"));
    }
    $("held-box").hidden = held.length === 0;
    $("held-empty").hidden = held.length !== 0;
  }

  async function decide(id, decision) {
    const done = await guarded("held-error", () => call("POST", tenantPath("/held/" + decision), { ids: [id] }));
    if (done) await loadActivity();
  }

  async function loadActivity() {
    await loadSeats();
    await loadLog();
    await loadHeld();
  }

  async function refresh() {
    await loadTokens();
    await loadActivity();
  }

  // ---- wiring ---------------------------------------------------------------

  async function copy(event) {
    const field = $(event.currentTarget.dataset.copy);
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      event.currentTarget.textContent = "Copied";
    } catch (e) {
      show("message", "Copying is not allowed here: the text is selected, press Ctrl+C (or ⌘C).");
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("button.copy").forEach((b) => b.addEventListener("click", copy));
    $("generate-form").addEventListener("submit", generate);
    $("settings-form").addEventListener("submit", saveSettings);
    $("confirm").addEventListener("close", confirmed);
    $("refresh").addEventListener("click", refresh);
    $("failures-only").addEventListener("change", loadLog);
    $("sign-out").addEventListener("click", signOut);
    // A new link pasted into this tab changes the fragment only: open it.
    window.addEventListener("hashchange", () => {
      if (location.hash.indexOf("link=") >= 0) start();
    });
    start();
  });
})();
