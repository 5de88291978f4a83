// The web form's script. The case lives here as one JSON object (`state`);
// every field names its place in it through the page's data attributes.
// Each edit updates the object and, after a pause, the server checks it
// (POST /app/check); each finding is shown beside its field and in the
// summary. Nothing is stored: no cookie, no browser storage.
"use strict";

(function () {
  const form = document.getElementById("case");
  const token = document.querySelector('meta[name="sipform-page"]').content;
  const lang = document.querySelector('meta[name="sipform-lang"]').content;
  const words = JSON.parse(document.getElementById("words").content.textContent);
  const word = (key) => words[key] || key;

  let state = { format: 2, language: "sv" };
  let dirty = false;
  let fileName = "sip";
  let timer = null;
  let checkRun = 0;
  let previewUrl = null;
  let previewBlob = null;

  // ---- Paths: where an element sits in the case. ----------------------

  /** The path of an element, as an array of keys and indexes. */
  function pathOf(el) {
    const parts = [];
    for (let n = el; n && n !== form; n = n.parentElement) {
      // A list's text item (`data-item`) is named by its row alone.
      if (n.hasAttribute("data-key")) parts.unshift(n.dataset.key);
      else if (n.hasAttribute("data-row")) parts.unshift(rowIndex(n));
      else if (n.dataset.list) parts.unshift(n.dataset.list);
      else if (n.dataset.obj) parts.unshift(n.dataset.obj);
    }
    return parts;
  }

  function rowIndex(row) {
    return Array.prototype.indexOf.call(row.parentElement.children, row);
  }

  /** A path as the server's diagnostics write it: plans[0].goals[1].text */
  function pathText(path) {
    let out = "";
    for (const p of path) {
      if (typeof p === "number") out += "[" + p + "]";
      else out += (out ? "." : "") + p;
    }
    return out;
  }

  function get(obj, path) {
    let v = obj;
    for (const p of path) {
      if (v === null || v === undefined) return undefined;
      v = v[p];
    }
    return v;
  }

  /** Sets a value; `undefined` removes the key, and an optional object
   *  left empty goes too, so that nothing unrecorded is sent. */
  function set(path, value) {
    let v = state;
    const parents = [];
    for (let i = 0; i < path.length - 1; i++) {
      const p = path[i];
      if (v[p] === undefined || v[p] === null || typeof v[p] !== "object") {
        if (value === undefined) return;
        v[p] = typeof path[i + 1] === "number" ? [] : {};
      }
      parents.push([v, p]);
      v = v[p];
    }
    const last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(v)) v[last] = "";
      else delete v[last];
      // Prune objects left empty, but never a row of a list.
      for (let i = parents.length - 1; i >= 0; i--) {
        const [parent, key] = parents[i];
        const child = parent[key];
        if (Array.isArray(parent) || Array.isArray(child)) break;
        if (child && typeof child === "object" && Object.keys(child).length === 0) delete parent[key];
        else break;
      }
    } else {
      v[last] = value;
    }
  }

  // ---- Shapes: values the case writes in two ways. ---------------------

  // A follow-up's convener is a unit id or { unit, name, ... }; a
  // guardian's answer is a name or { name, ... }. The page edits the
  // object form and sends the short one when only the id or name is set.
  const shapes = Array.from(document.querySelectorAll("[data-shape]")).map((el) => ({
    pattern: el.dataset.pattern,
    key: el.dataset.shape === "unit-or-person" ? "unit" : "name",
  }));
  shapes.push({ pattern: "consents[].guardians[]", key: "name" });

  function eachAt(obj, pattern, fn) {
    const steps = pattern.split(".");
    (function walk(v, i, parent, key) {
      if (v === undefined || v === null) return;
      if (i === steps.length) return fn(parent, key, v);
      const step = steps[i];
      const name = step.replace("[]", "");
      const next = v[name];
      if (step.endsWith("[]")) {
        if (Array.isArray(next)) next.forEach((item, j) => walk(item, i + 1, next, j));
      } else {
        walk(next, i + 1, v, name);
      }
    })(obj, 0, null, null);
  }

  function expand(obj) {
    for (const s of shapes) {
      eachAt(obj, s.pattern, (parent, key, v) => {
        if (typeof v === "string") parent[key] = { [s.key]: v };
      });
    }
    return obj;
  }

  function collapse(obj) {
    const copy = JSON.parse(JSON.stringify(obj));
    for (const s of shapes) {
      eachAt(copy, s.pattern, (parent, key, v) => {
        if (v && typeof v === "object" && !Array.isArray(v)) {
          const keys = Object.keys(v);
          if (keys.length === 1 && keys[0] === s.key) parent[key] = v[s.key];
        }
      });
    }
    return copy;
  }

  // ---- Fields: reading and writing values by their kind. ---------------

  function readField(el) {
    const kind = el.dataset.kind;
    if (kind === "bool") return el.checked;
    const raw = el.value;
    if (kind === "tri") return raw === "" ? undefined : raw === "true";
    if (raw.trim() === "") return undefined;
    if (kind === "number") {
      const n = Number(raw);
      return Number.isInteger(n) ? n : raw;
    }
    if (kind === "ids") {
      // Commas part them: a person named here has a space in the name.
      const ids = raw.split(",").map((id) => id.trim()).filter(Boolean);
      return ids.length === 1 ? ids[0] : ids;
    }
    return raw;
  }

  function writeField(el, value) {
    const kind = el.dataset.kind;
    if (kind === "bool") {
      el.checked = value === undefined ? el.dataset.default === "true" : value === true;
    } else if (kind === "tri") {
      el.value = value === true ? "true" : value === false ? "false" : "";
    } else if (kind === "ids" && Array.isArray(value)) {
      el.value = value.join(", ");
    } else if (kind === "datetime" && typeof value === "string") {
      el.value = value.slice(0, 16);
    } else {
      el.value = value === undefined || value === null ? "" : String(value);
    }
  }

  const inputs = (root) => root.querySelectorAll("[data-key], [data-item]");

  // ---- Lists: rows built from each list's template. --------------------

  function listsIn(root) {
    // The lists whose nearest enclosing row is `root` (or none, for the form).
    return Array.from(root.querySelectorAll("[data-list]")).filter((list) => {
      const row = list.parentElement.closest("[data-row]");
      return root === form ? row === null : row === root;
    });
  }

  function newRow(list) {
    const template = list.querySelector(":scope > template[data-row-template]");
    return template.content.firstElementChild.cloneNode(true);
  }

  function build(root) {
    for (const list of listsIn(root)) {
      const rows = list.querySelector(":scope > [data-rows]");
      rows.replaceChildren();
      const items = get(state, pathOf(list));
      if (!Array.isArray(items)) continue;
      for (let i = 0; i < items.length; i++) {
        const row = newRow(list);
        rows.append(row);
        build(row);
      }
    }
  }

  /** The whole form from `state`. */
  function fill() {
    build(form);
    for (const el of inputs(form)) writeField(el, get(state, pathOf(el)));
    renumber();
    units();
    banner();
  }

  /** Ids, labels and row names from each element's place. */
  function renumber() {
    for (const el of inputs(form)) {
      const id = "f-" + pathText(pathOf(el));
      el.id = id;
      const field = el.closest(".field, .text-row");
      const label = field && field.querySelector(":scope > label");
      if (label) label.htmlFor = id;
      const help = field && field.querySelector(":scope > [data-help]");
      if (help) help.id = id + "-help";
      describe(el);
    }
    for (const row of form.querySelectorAll("[data-row]")) {
      const n = rowIndex(row) + 1;
      // A text row's id is its input's (they name the same place).
      if (!row.classList.contains("text-row")) row.id = "f-" + pathText(pathOf(row));
      const legend = row.querySelector(":scope > [data-row-legend]");
      const named = legend || row.querySelector(":scope > label[data-noun]");
      const noun = named ? named.dataset.noun : "";
      const name = noun.charAt(0).toUpperCase() + noun.slice(1) + " " + n;
      if (named) named.textContent = name;
      const remove = row.querySelector(":scope > [data-remove]");
      if (remove) remove.textContent = word("remove") + " " + noun + " " + word("number") + " " + n;
    }
    for (const el of form.querySelectorAll("[data-list], [data-obj], section.part")) {
      if (!el.id) el.id = "f-" + pathText(pathOf(el)) + (el.matches("section.part") ? "-part" : "");
    }
  }

  function describe(el) {
    const ids = [];
    const help = document.getElementById(el.id + "-help");
    if (help) ids.push(help.id);
    const finding = document.getElementById(el.id + "-finding");
    if (finding) ids.push(finding.id);
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  // ---- Editing. ---------------------------------------------------------

  function edited() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(check, 500);
  }

  form.addEventListener("input", (e) => {
    const el = e.target;
    if (!el.matches("[data-key], [data-item]")) return;
    const value = readField(el);
    const path = pathOf(el);
    if (el.hasAttribute("data-item")) set(path, value === undefined ? "" : value);
    else set(path, value);
    if (path[0] === "units") units();
    if (path[0] === "person") banner();
    edited();
  });
  form.addEventListener("change", (e) => {
    if (e.target.matches("select, input[type=checkbox]")) e.target.dispatchEvent(new Event("input", { bubbles: true }));
  });

  form.addEventListener("click", (e) => {
    const add = e.target.closest("[data-add]");
    const remove = e.target.closest("[data-remove]");
    if (add) {
      const list = add.closest("[data-list]");
      const path = pathOf(list);
      let items = get(state, path);
      if (!Array.isArray(items)) {
        set(path, []);
        items = get(state, path);
      }
      items.push(list.classList.contains("texts") ? "" : {});
      const row = newRow(list);
      list.querySelector(":scope > [data-rows]").append(row);
      build(row);
      for (const el of inputs(row)) writeField(el, get(state, pathOf(el)));
      renumber();
      const first = row.querySelector("input, select, textarea");
      if (first) first.focus();
      edited();
    } else if (remove) {
      const row = remove.closest("[data-row]");
      const list = row.closest("[data-list]");
      const path = pathOf(list);
      const items = get(state, path);
      const index = rowIndex(row);
      items.splice(index, 1);
      if (items.length === 0) set(path, undefined);
      row.remove();
      renumber();
      const rows = list.querySelector(":scope > [data-rows]").children;
      const next = rows[Math.min(index, rows.length - 1)];
      (next ? next.querySelector("input, select, textarea") : list.querySelector("[data-add]")).focus();
      edited();
    }
  });

  /** The unit ids offered where a field takes one. */
  function units() {
    const list = document.getElementById("unit-ids");
    list.replaceChildren();
    for (const unit of state.units || []) {
      if (!unit || !unit.id) continue;
      const option = document.createElement("option");
      option.value = unit.id;
      if (unit.name) option.label = unit.name;
      list.append(option);
    }
  }

  /** The protected banner, shown while the variant is on. */
  function banner() {
    const person = state.person || {};
    const on = person.protected === true || person.violence === true || document.getElementById("print-protected").checked;
    document.getElementById("protected-banner").hidden = !on;
  }

  // ---- The check. --------------------------------------------------------

  async function post(url, body, type) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": type || "application/json", "X-Sipform-Page": token, "Accept-Language": lang },
      body,
      credentials: "same-origin",
      cache: "no-store",
    });
  }

  async function check() {
    const run = ++checkRun;
    setText("check-status", word("checking"));
    let report;
    try {
      const response = await post("/app/check?messages=" + lang, JSON.stringify(collapse(state)));
      report = await response.json();
    } catch (err) {
      if (run === checkRun) setText("check-status", word("check_failed") + " " + err);
      return;
    }
    if (run !== checkRun) return;
    show(report.diagnostics || [], false);
  }

  /** Shows findings beside their fields and in the summary. From a file
   *  that did not open, they are shown with their line in the file. */
  function show(diagnostics, inFile) {
    for (const old of document.querySelectorAll(".finding")) {
      const owner = document.getElementById(old.id.replace(/-finding$/, ""));
      old.remove();
      if (owner) {
        owner.removeAttribute("aria-invalid");
        if (owner.matches("[data-key], [data-item]")) describe(owner);
      }
    }
    const list = document.getElementById("findings");
    list.replaceChildren();
    let errors = 0;
    let warnings = 0;
    diagnostics.forEach((d, i) => {
      const error = d.severity === "error";
      if (error) errors++;
      else warnings++;
      const target = inFile ? null : nearest(d.path);
      const text = d.message + (d.hint ? " – " + d.hint : "");
      const item = document.createElement("li");
      item.className = error ? "error" : "warning";
      const where = inFile
        ? word("in_file") + (d.line ? ", " + word("at_line") + " " + d.line : "") + ": "
        : target
          ? labelOf(target) + ": "
          : "";
      if (target) {
        const link = document.createElement("a");
        link.href = "#" + target.id;
        link.textContent = where + text;
        link.addEventListener("click", (e) => {
          e.preventDefault();
          reveal(target);
        });
        item.append(link);
        place(target, d, i, error, text);
      } else {
        item.textContent = where + text;
      }
      list.append(item);
    });
    const status =
      errors + warnings === 0
        ? word("check_clean")
        : errors + " " + word("errors") + ", " + warnings + " " + (warnings === 1 ? word("warning") : word("warnings"));
    setText("check-status", status);
  }

  /** The element a path names, or its nearest enclosing one on the page. */
  function nearest(path) {
    if (!path) return null;
    let text = path;
    while (text) {
      const el = document.getElementById("f-" + text);
      if (el) return el;
      const cut = Math.max(text.lastIndexOf("."), text.lastIndexOf("["));
      if (cut <= 0) break;
      text = text.slice(0, cut);
    }
    const top = document.getElementById("f-" + text + "-part") || document.getElementById("f-" + text);
    return top;
  }

  function labelOf(el) {
    if (el.matches("[data-key], [data-item]")) {
      const label = document.querySelector('label[for="' + el.id + '"]');
      const row = el.closest("[data-row]");
      const rowName = row && row.querySelector(":scope > [data-row-legend]");
      const name = label ? label.firstChild.textContent.trim() : el.dataset.key;
      return rowName && rowName !== label ? rowName.textContent + ", " + name : name;
    }
    const legend = el.querySelector(":scope > legend, :scope > h2, :scope > h3");
    return legend ? legend.textContent.replace(/\s*\(.*\)$/, "").trim() : "";
  }

  /** The finding, written beside its field. */
  function place(target, d, i, error, text) {
    let finding = document.getElementById(target.id + "-finding");
    if (!finding) {
      finding = document.createElement("p");
      finding.id = target.id + "-finding";
      finding.className = "finding " + (error ? "error" : "warning");
      if (target.matches("[data-key], [data-item]")) target.insertAdjacentElement("afterend", finding);
      else target.insertAdjacentElement("afterbegin", finding);
      // The legend must stay first in a fieldset.
      if (target.matches("fieldset")) target.querySelector(":scope > legend").insertAdjacentElement("afterend", finding);
    } else if (error) {
      finding.className = "finding error";
    }
    const line = document.createElement("span");
    line.textContent = (finding.childNodes.length ? " " : "") + text;
    finding.append(line);
    if (error && target.matches("[data-key], [data-item]")) target.setAttribute("aria-invalid", "true");
    if (target.matches("[data-key], [data-item]")) describe(target);
  }

  function reveal(el) {
    for (let d = el.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
    el.scrollIntoView({ block: "center" });
    const focusable = el.matches("input, select, textarea") ? el : el.querySelector("input, select, textarea, button");
    if (focusable) focusable.focus();
  }

  function setText(id, text) {
    document.getElementById(id).textContent = text;
  }

  // ---- Open and save. ----------------------------------------------------

  function load(json, name) {
    state = expand(json);
    fileName = name.replace(/\.(toml|json)$/i, "") || "sip";
    fill();
    dirty = false;
    setText("file-status", word("loaded") + " " + name);
    check();
  }

  document.getElementById("open-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    const text = await file.text();
    const json = /\.json$/i.test(file.name);
    const response = await post(
      "/app/convert?to=json&messages=" + lang + "&name=" + encodeURIComponent(file.name),
      text,
      json ? "application/json" : "application/toml",
    );
    const body = await response.json();
    if (response.ok) {
      load(body, file.name);
    } else {
      setText("file-status", word("open_failed"));
      show(body.diagnostics || [], true);
      document.getElementById("summary").focus();
    }
  });

  document.getElementById("load-example").addEventListener("click", async () => {
    if (dirty && !confirm(word("new_confirm"))) return;
    const response = await fetch("/app/example", { headers: { "X-Sipform-Page": token } });
    load(await response.json(), "anna");
  });

  document.getElementById("new-case").addEventListener("click", () => {
    if (dirty && !confirm(word("new_confirm"))) return;
    load({ format: 2, language: lang === "en" ? "en" : "sv" }, "sip");
  });

  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  document.getElementById("save-json").addEventListener("click", () => {
    const name = fileName + ".json";
    download(new Blob([JSON.stringify(collapse(state), null, 2) + "\n"], { type: "application/json" }), name);
    dirty = false;
    setText("file-status", word("saved") + " " + name);
  });

  document.getElementById("save-toml").addEventListener("click", async () => {
    const response = await post("/app/convert?to=toml&messages=" + lang, JSON.stringify(collapse(state)));
    if (!response.ok) {
      show((await response.json()).diagnostics || [], false);
      setText("file-status", word("check_failed"));
      document.getElementById("summary").focus();
      return;
    }
    const name = fileName + ".toml";
    download(new Blob([await response.text()], { type: "application/toml" }), name);
    dirty = false;
    setText("file-status", word("saved") + " " + name);
  });

  // ---- Print: preview and download. -------------------------------------

  function renderUrl(all) {
    const q = new URLSearchParams({ messages: lang });
    if (!all) q.set("form", document.getElementById("print-form").value);
    else q.set("ics", "true");
    const printLang = document.getElementById("print-lang").value;
    if (printLang) q.set("lang", printLang);
    if (document.getElementById("print-protected").checked) q.set("protected", "true");
    if (document.getElementById("print-large").checked) q.set("large_print", "true");
    if (document.getElementById("print-convener").checked) q.set("convener_copy", "true");
    const to = document.getElementById("print-to").value;
    if (to !== "everyone") q.set("to", to);
    for (const key of ["followup", "version"]) {
      const n = document.getElementById("print-" + key).value.trim();
      if (n) q.set(key, n);
    }
    return "/app/render?" + q;
  }

  async function render(all) {
    setText("print-status", word("rendering"));
    const response = await post(renderUrl(all), JSON.stringify(collapse(state)));
    if (!response.ok) {
      const body = await response.json();
      show(body.diagnostics || [], false);
      setText("print-status", word("render_failed"));
      return null;
    }
    const disposition = response.headers.get("Content-Disposition") || "";
    const match = /filename="([^"]+)"/.exec(disposition);
    return { blob: await response.blob(), name: match ? match[1] : "sip.pdf" };
  }

  document.getElementById("preview").addEventListener("click", async () => {
    const made = await render(false);
    if (!made) return;
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewBlob = made.blob;
    previewUrl = URL.createObjectURL(made.blob);
    const frame = document.getElementById("preview-frame");
    frame.src = previewUrl;
    frame.hidden = false;
    frame.dataset.name = made.name;
    setText("print-status", word("preview_ready") + " ");
    const link = document.createElement("a");
    link.href = previewUrl;
    link.download = made.name;
    link.textContent = word("download") + " " + made.name;
    document.getElementById("print-status").append(link);
  });

  document.getElementById("download-all").addEventListener("click", async () => {
    const made = await render(true);
    if (!made) return;
    download(made.blob, made.name);
    setText("print-status", word("download_ready") + " " + made.name);
  });

  document.getElementById("print-protected").addEventListener("change", banner);

  window.addEventListener("beforeunload", (e) => {
    if (!dirty) return;
    e.preventDefault();
    e.returnValue = word("unsaved");
  });

  // Tests read the case the page holds, and whether it is saved.
  window.sipform = {
    state: () => collapse(state),
    dirty: () => dirty,
    preview: () => previewBlob,
    clearPreview: () => {
      previewBlob = null;
    },
  };

  fill();
})();
