// The review page: a thin client of /api. Every rule (states, checks, approval) is the
// server's; this file only shows what it answers. Text from catalogs goes in through
// textContent; HTML comes only from the server's Markdown renderer, which escapes raw HTML.

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const $ = (id) => document.getElementById(id);

const view = {
  items: [],
  counts: {},
  versions: {},
  current: null,      // the item on screen
  loaded: "",         // the msgstr the page loaded for it
  detail: null,
  checkTimer: null,
  suppress: {},
};

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": csrf },
    body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({ error: response.statusText }));
  return { status: response.status, data };
}

function text(element, value) {
  element.textContent = value == null ? "" : String(value);
  return element;
}

function make(tag, className, value) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (value !== undefined) text(element, value);
  return element;
}

function keyOf(item) {
  return `${item.document}#${item.index}`;
}

function visibleItems() {
  const state = $("state-filter").value;
  const documentName = $("document-filter").value;
  const query = $("search").value.trim().toLowerCase();
  const onlyFindings = $("findings-filter").checked;
  return view.items.filter((item) => {
    if (state === "needs-work" && !item.needs_work) return false;
    if (state !== "needs-work" && state !== "all" && item.state !== state) return false;
    if (documentName && item.document !== documentName) return false;
    if (onlyFindings && !(item.finding_count > 0)) return false;
    if (query && !(item.msgid.toLowerCase().includes(query) || item.msgstr.toLowerCase().includes(query))) return false;
    return true;
  });
}

const QUEUE_ROWS = 400; // rows drawn at once; the filters and search narrow the rest

function renderQueue() {
  const list = $("queue-list");
  const rows = document.createDocumentFragment();
  const visible = visibleItems();
  const shown = visible.slice(0, QUEUE_ROWS);
  if (view.current && !shown.some((i) => keyOf(i) === keyOf(view.current))) {
    const current = visible.find((i) => keyOf(i) === keyOf(view.current));
    if (current) shown.push(current);
  }
  for (const item of shown) {
    const row = make("li", `queue-item state-${item.state.replace(" ", "-")}`);
    row.dataset.key = keyOf(item);
    row.tabIndex = -1;
    if (view.current && keyOf(view.current) === keyOf(item)) row.classList.add("current");
    row.append(make("span", "badge", item.state), make("span", "queue-text", item.msgid));
    row.addEventListener("click", () => openItem(item));
    rows.append(row);
  }
  if (visible.length > shown.length) {
    rows.append(make("li", "muted more", `${visible.length - shown.length} more: search or filter to see them`));
  }
  list.replaceChildren(rows);
  const total = view.items.length;
  const done = (view.counts.reviewed || 0) + (view.counts.translated || 0);
  $("progress-done").style.width = total ? `${(100 * done) / total}%` : "0";
  text($("progress-text"), `${done} of ${total} done`);
  const counts = $("counts");
  counts.replaceChildren();
  for (const [state, count] of Object.entries(view.counts)) {
    if (!count) continue;
    const button = make("button", "count quiet", `${state} ${count}`);
    button.type = "button";
    button.addEventListener("click", () => { $("state-filter").value = state; renderQueue(); });
    counts.append(button);
  }
}

function ensureStateOptions() {
  const select = $("state-filter");
  for (const state of Object.keys(view.counts)) {
    if (![...select.options].some((o) => o.value === state)) {
      select.append(new Option(state, state));
    }
  }
  const documents = $("document-filter");
  for (const name of new Set(view.items.map((i) => i.document))) {
    if (![...documents.options].some((o) => o.value === name)) documents.append(new Option(name, name));
  }
}

async function loadQueue() {
  const { status, data } = await api("/api/queue");
  if (status !== 200) { text($("empty-note"), data.error); return; }
  view.items = data.items;
  view.counts = data.counts;
  view.versions = data.versions;
  ensureStateOptions();
  renderQueue();
  document.body.dataset.ready = "queue";
}

function isDirty() {
  return view.current !== null && $("translation").value !== view.loaded;
}

async function openItem(item, { keepText = false } = {}) {
  const { status, data } = await api(`/api/entry?document=${encodeURIComponent(item.document)}&index=${item.index}`);
  if (status !== 200) { setStatus(data.error); return; }
  const mine = $("translation").value;
  view.detail = data;
  view.current = data.item;
  view.loaded = data.item.msgstr;
  view.suppress = {};
  $("empty-note").hidden = true;
  $("entry-body").hidden = false;
  $("conflict").hidden = true;
  text($("entry-state"), data.item.state).className = `state state-${data.item.state.replace(" ", "-")}`;
  text($("entry-where"), `${data.item.document} · ${data.item.references.join(" ") || "line " + data.item.line} · ${data.item.kind}`);
  $("entry-link").href = `#${encodeURIComponent(keyOf(data.item))}`;
  text($("heading-path"), data.heading_path.length ? `under “${data.heading_path.join(" › ")}”` : "");
  $("english").innerHTML = data.english_html;
  text($("english-raw"), data.item.msgid);
  renderContext($("before"), data.before);
  renderContext($("after"), data.after);
  renderDiff(data.diff);
  $("translation").value = keepText ? mine : data.item.msgstr;
  $("translation").readOnly = data.item.plural;
  $("revert").disabled = !data.item.provenance;
  renderSide(data);
  renderFindings(data.findings);
  history.replaceState(null, "", `#${encodeURIComponent(keyOf(data.item))}`);
  renderQueue();
  const row = document.querySelector(`[data-key="${CSS.escape(keyOf(data.item))}"]`);
  if (row) row.scrollIntoView({ block: "nearest" });
  $("translation").focus();
  loadPreview();
}

function renderContext(element, neighbours) {
  element.replaceChildren();
  for (const neighbour of neighbours) {
    const block = make("div", "neighbour");
    const english = make("div", "neighbour-en");
    english.innerHTML = neighbour.english_html;
    block.append(english, make("div", "neighbour-zh", neighbour.msgstr));
    element.append(block);
  }
}

function renderDiff(ops) {
  const element = $("diff");
  element.replaceChildren();
  element.hidden = !ops.length;
  if (!ops.length) return;
  element.append(make("div", "label", "What changed in the English"));
  const line = make("p");
  for (const op of ops) {
    const tag = op.op === "added" ? "ins" : op.op === "removed" ? "del" : "span";
    line.append(make(tag, null, op.text), document.createTextNode(" "));
  }
  element.append(line);
}

function renderSide(data) {
  const provenance = $("provenance");
  provenance.replaceChildren();
  provenance.hidden = !data.item.provenance;
  if (data.item.provenance) {
    const p = data.item.provenance;
    provenance.append(make("div", "label", "Machine draft"), make("div", "muted", `${p.engine} · ${p.model}`), make("pre", "draft", p.draft));
  }
  if (data.item.reviewed_by) {
    provenance.hidden = false;
    provenance.append(make("div", "muted", `approved by ${data.item.reviewed_by}`));
  }
  const terms = $("terms");
  terms.replaceChildren();
  terms.hidden = !data.terms.length;
  if (data.terms.length) terms.append(make("div", "label", "Glossary"));
  for (const term of data.terms) terms.append(make("div", term.found ? "term" : "term missing", `${term.en} → ${term.target}`));
  const suggestions = $("suggestions");
  suggestions.replaceChildren();
  suggestions.hidden = !data.suggestions.length;
  if (data.suggestions.length) suggestions.append(make("div", "label", "Translation memory"));
  for (const suggestion of data.suggestions) {
    const button = make("button", "suggestion quiet", suggestion.text);
    button.type = "button";
    button.title = suggestion.origin;
    button.addEventListener("click", () => { $("translation").value = suggestion.text; scheduleCheck(); });
    suggestions.append(button);
  }
}

function renderFindings(findings) {
  const element = $("findings");
  element.replaceChildren();
  for (const finding of findings) {
    const row = make("div", finding.blocking ? "finding blocking" : "finding");
    row.dataset.code = finding.code;
    row.append(make("span", "code", finding.code), make("span", null, ` ${finding.message}`));
    if (finding.fix) row.append(make("div", "muted", `fix: ${finding.fix}`));
    if (finding.blocking) {
      const reason = make("input", "suppress-reason");
      reason.placeholder = "suppress with a reason…";
      reason.setAttribute("aria-label", `reason to suppress ${finding.code}`);
      reason.value = view.suppress[finding.code] || "";
      reason.addEventListener("input", () => { view.suppress[finding.code] = reason.value; });
      row.append(reason);
    }
    element.append(row);
  }
  $("approve").dataset.blocked = findings.some((f) => f.blocking) ? "yes" : "no";
}

function scheduleCheck() {
  clearTimeout(view.checkTimer);
  view.checkTimer = setTimeout(runCheck, 250);
}

async function runCheck() {
  if (!view.current) return;
  const { status, data } = await api("/api/check", { ...identity(), msgstr: $("translation").value });
  if (status === 200) renderFindings(data.findings);
}

function identity() {
  const item = view.current;
  return { document: item.document, msgctxt: item.msgctxt, msgid: item.msgid, fingerprint: item.fingerprint };
}

function setStatus(message) {
  text($("status"), message);
}

async function save({ approve }) {
  if (!view.current) return false;
  const body = { ...identity(), msgstr: $("translation").value, approve, suppress: approve ? view.suppress : {} };
  const { status, data } = await api("/api/save", body);
  if (status === 200) {
    replaceItem(data.item);
    view.versions = data.versions;
    view.current = data.item;
    view.loaded = data.item.msgstr;
    text($("entry-state"), data.item.state).className = `state state-${data.item.state.replace(" ", "-")}`;
    setStatus(approve ? "approved ✓" : "saved");
    document.body.dataset.saved = String(Date.now());
    loadPreview();
    return true;
  }
  if (status === 409 && data.conflict) { showConflict(data); return false; }
  if (status === 422 && data.refused) { renderFindings(data.findings); setStatus(data.error); return false; }
  setStatus(data.error || `error ${status}`);
  return false;
}

function replaceItem(item) {
  const index = view.items.findIndex((i) => keyOf(i) === keyOf(item));
  if (index >= 0) {
    const before = view.items[index].state;
    view.items[index] = item;
    view.counts[before] -= 1;
    view.counts[item.state] = (view.counts[item.state] || 0) + 1;
  }
  renderQueue();
}

function showConflict(data) {
  $("conflict").hidden = false;
  text($("conflict-theirs"), data.theirs ? data.theirs.msgstr : "(the entry is gone)");
  text($("conflict-mine"), data.mine);
  view.conflict = data;
  setStatus("conflict: nothing was overwritten");
  document.body.dataset.conflict = "yes";
}

function resolveConflict(useTheirs) {
  const data = view.conflict;
  if (!data || !data.theirs) return;
  view.current = data.theirs;
  view.loaded = data.theirs.msgstr;
  $("translation").value = useTheirs ? data.theirs.msgstr : data.mine;
  $("conflict").hidden = true;
  document.body.dataset.conflict = "no";
  replaceItem(data.theirs);
  setStatus(useTheirs ? "took the version on disk" : "kept yours: save to write it");
}

async function loadPreview() {
  if (!view.current) return;
  const { status, data } = await api(`/api/preview?document=${encodeURIComponent(view.current.document)}`);
  if (status !== 200) return;
  const preview = $("preview");
  preview.innerHTML = data.html;
  const needle = view.current.msgstr.trim();
  for (const block of preview.querySelectorAll("p, h1, h2, h3, h4, li, td, th, blockquote")) {
    if (needle && block.textContent.includes(needle.slice(0, 40).replace(/[*_`[\]]/g, ""))) {
      block.classList.add("highlight");
      block.scrollIntoView({ block: "nearest" });
      break;
    }
  }
}

function step(direction, { needsWork = false } = {}) {
  const items = visibleItems();
  if (!items.length) return;
  const at = view.current ? items.findIndex((i) => keyOf(i) === keyOf(view.current)) : -1;
  for (let offset = 1; offset <= items.length; offset += 1) {
    const candidate = items[(at + direction * offset + items.length) % items.length];
    if (!needsWork || candidate.needs_work) { openItem(candidate); return; }
  }
}

async function poll() {
  const { status, data } = await api("/api/versions");
  if (status !== 200) return;
  const changed = JSON.stringify(data.versions) !== JSON.stringify(view.versions);
  if (!changed) return;
  view.versions = data.versions;
  await loadQueue();
  if (view.current) {
    const fresh = view.items.find((i) => keyOf(i) === keyOf(view.current));
    if (fresh && fresh.fingerprint !== view.current.fingerprint) {
      if (isDirty()) {
        showConflict({ theirs: fresh, mine: $("translation").value });
      } else {
        openItem(fresh);
        setStatus("updated from disk");
      }
    }
  }
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && $("help").open) { $("help").close(); return; }
  if (event.ctrlKey && event.key === "Enter") {
    event.preventDefault();
    save({ approve: true }).then((ok) => { if (ok) step(1, { needsWork: true }); });
  } else if (event.ctrlKey && (event.key === "s" || event.key === "S")) {
    event.preventDefault();
    save({ approve: false });
  } else if (event.altKey && event.key === "ArrowDown") {
    event.preventDefault();
    step(1);
  } else if (event.altKey && event.key === "ArrowUp") {
    event.preventDefault();
    step(-1);
  } else if (event.key === "?" && !["TEXTAREA", "INPUT"].includes(document.activeElement.tagName)) {
    event.preventDefault();
    $("help").showModal();
  }
});

$("translation").addEventListener("input", scheduleCheck);
$("approve").addEventListener("click", () => save({ approve: true }));
$("save").addEventListener("click", () => save({ approve: false }));
$("revert").addEventListener("click", () => {
  if (view.current && view.current.provenance) { $("translation").value = view.current.provenance.draft; scheduleCheck(); }
});
$("copy-english").addEventListener("click", () => { $("translation").value = view.current.msgid; scheduleCheck(); });
$("raw-toggle").addEventListener("click", () => { $("english-raw").hidden = !$("english-raw").hidden; $("english").hidden = !$("english").hidden; });
$("take-theirs").addEventListener("click", () => resolveConflict(true));
$("keep-mine").addEventListener("click", () => resolveConflict(false));
$("help-button").addEventListener("click", () => $("help").showModal());
$("help-close").addEventListener("click", () => $("help").close());
for (const id of ["search", "state-filter", "document-filter", "findings-filter"]) {
  $(id).addEventListener("input", renderQueue);
}
window.addEventListener("beforeunload", (event) => { if (isDirty()) event.preventDefault(); });

await loadQueue();
const wanted = decodeURIComponent(location.hash.slice(1));
const first = view.items.find((i) => keyOf(i) === wanted) || view.items.find((i) => i.needs_work) || view.items[0];
if (first) await openItem(first);
else text($("empty-note"), "Nothing to review: no catalogs for this language yet (run editions update).");
setInterval(poll, 1500);
