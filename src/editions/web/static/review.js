// The review page: a thin client of /api. Every rule (states, checks, approval) is the
// server's; this file only shows what it answers. Text from catalogs goes in through
// textContent; HTML comes only from the server's Markdown renderer, which escapes raw HTML.

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const $ = (id) => document.getElementById(id);

const view = {
  items: [],
  positions: new Map(), // key → index in items
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

// An entry is known by its identity (document, msgctxt, msgid), never by its position or
// line: a save, an update or a merge may move it. Links use the readable doc#N form.
const KEYS = new WeakMap(); // item → its key, computed once (queues hold 50,000 items)

function keyOf(item) {
  let key = KEYS.get(item);
  if (key === undefined) {
    key = JSON.stringify([item.document, item.msgctxt, item.msgid]);
    KEYS.set(item, key);
  }
  return key;
}

function findItem(key) {
  const at = view.positions.get(key);
  return at === undefined ? undefined : view.items[at];
}

function linkOf(item) {
  return `${item.document}#${item.index}`;
}

const DRAFTS_KEY = "editions-unsaved:";

// The text on screen: the translation box, or for a plural entry each form's box (as JSON,
// so one comparison tells whether anything changed).
function pluralBoxes() {
  return [...document.querySelectorAll("#plural-forms textarea")];
}

function currentText() {
  if (view.current && view.current.plural) return JSON.stringify(pluralBoxes().map((b) => b.value));
  return $("translation").value;
}

function loadedText(item) {
  return item.plural ? JSON.stringify(item.msgstr_plural) : item.msgstr;
}

function unsavedText(item) {
  try {
    const saved = JSON.parse(localStorage.getItem(DRAFTS_KEY + keyOf(item)) || "null");
    return saved && saved.fingerprint === item.fingerprint ? saved.text : null;
  } catch { return null; }
}

function keepUnsaved() {
  if (!view.current) return;
  const key = DRAFTS_KEY + keyOf(view.current);
  try {
    if (isDirty()) localStorage.setItem(key, JSON.stringify({ text: currentText(), fingerprint: view.current.fingerprint }));
    else localStorage.removeItem(key);
  } catch { /* storage full or off: the prompt on leaving still guards the text */ }
}

function forgetUnsaved(item) {
  try { localStorage.removeItem(DRAFTS_KEY + keyOf(item)); } catch { /* nothing kept */ }
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
    row.dataset.link = linkOf(item);
    row.tabIndex = 0;
    if (view.current && keyOf(view.current) === keyOf(item)) {
      row.classList.add("current");
      row.setAttribute("aria-current", "true");
    }
    row.append(make("span", "badge", item.state), make("span", "queue-text", item.msgid));
    row.addEventListener("click", () => go(item));
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); go(item); } });
    rows.append(row);
  }
  if (visible.length > shown.length) {
    rows.append(make("li", "muted more", `${visible.length - shown.length} more: search or filter to see them`));
  }
  list.replaceChildren(rows);
  const total = view.items.length;
  const done = (view.counts.reviewed || 0) + (view.counts.translated || 0);
  $("progress-done").style.width = total ? `${(100 * done) / total}%` : "0";
  $("progress").setAttribute("aria-valuenow", String(total ? Math.round((100 * done) / total) : 0));
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
  view.positions = new Map(data.items.map((item, at) => [keyOf(item), at]));
  view.counts = data.counts;
  view.versions = data.versions;
  ensureStateOptions();
  renderQueue();
  document.body.dataset.ready = "queue";
}

function isDirty() {
  return view.current !== null && currentText() !== view.loaded;
}

// Leaving an entry never loses what was typed: a changed text is saved first (it stays
// fuzzy, as any edit does); when that save is refused, the page stays on the entry.
async function leave() {
  if (!isDirty()) return true;
  return save({ approve: false });
}

async function go(item) {
  if (view.current && keyOf(item) === keyOf(view.current)) return;
  if (!(await leave())) return;
  await openItem(item);
}

async function openItem(item, { keepText = false, retried = false } = {}) {
  const fresh = findItem(keyOf(item)) || item;
  const { status, data } = await api(`/api/entry?document=${encodeURIComponent(fresh.document)}&index=${fresh.index}`);
  if (status !== 200) { setStatus(data.error); return; }
  if (keyOf(data.item) !== keyOf(fresh)) {
    // the catalog changed on disk (update, git, an editor): find the entry again by identity
    await loadQueue();
    const again = findItem(keyOf(fresh));
    if (again && !retried) { await openItem(again, { keepText, retried: true }); return; }
    setStatus("that entry is no longer in the catalog");
    return;
  }
  const mine = currentText();
  setStatus("");
  view.detail = data;
  view.current = data.item;
  view.loaded = loadedText(data.item);
  view.suppress = {};
  view.origin = null;
  closeSendBack();
  $("empty-note").hidden = true;
  $("entry-body").hidden = false;
  $("conflict").hidden = true;
  text($("entry-state"), data.item.state).className = `state state-${data.item.state.replace(" ", "-")}`;
  text($("entry-where"), `${data.item.document} · ${data.item.references.join(" ") || "line " + data.item.line} · ${data.item.kind}`);
  $("entry-link").href = `#${encodeURIComponent(linkOf(data.item))}`;
  text($("heading-path"), data.heading_path.length ? `under “${data.heading_path.join(" › ")}”` : "");
  $("english").innerHTML = data.english_html;
  if (data.item.plural) $("english").append(make("p", "plural-english", `plural: ${data.item.msgid_plural}`));
  markEnglishTerms(data.terms);
  text($("english-raw"), data.item.plural ? `${data.item.msgid}\n${data.item.msgid_plural}` : data.item.msgid);
  renderContext($("before"), data.before);
  renderContext($("after"), data.after);
  renderDiff(data.diff);
  const unsaved = keepText ? null : unsavedText(data.item);
  const shown = keepText ? mine : unsaved ?? loadedText(data.item);
  renderTextBoxes(data, shown);
  if (unsaved !== null && unsaved !== view.loaded) setStatus("restored your unsaved text (not saved yet)");
  $("revert").disabled = !data.item.provenance;
  renderSide(data);
  renderSentBack(data.item);
  resetHistory();
  renderMergeConflict(data.item);
  renderFindings(data.findings);
  view.hash = `#${encodeURIComponent(linkOf(data.item))}`;
  history.replaceState(null, "", view.hash);
  renderQueue();
  const row = document.querySelector(`[data-key="${CSS.escape(keyOf(data.item))}"]`);
  if (row) row.scrollIntoView({ block: "nearest" });
  (data.item.plural ? pluralBoxes()[0] : $("translation")).focus();
  document.body.dataset.entry = linkOf(data.item);
  loadPreview();
}

// A plural entry gets one box per form, labelled with the numbers that take it.
function renderTextBoxes(data, shown) {
  const item = data.item;
  const forms = $("plural-forms");
  $("translation").hidden = item.plural;
  forms.hidden = !item.plural;
  forms.replaceChildren();
  $("translation-label").htmlFor = item.plural ? "" : "translation";
  if (!item.plural) { $("translation").value = shown; return; }
  let values = item.msgstr_plural;
  try { values = JSON.parse(shown); } catch { /* the loaded forms */ }
  values.forEach((value, index) => {
    const id = `plural-${index}`;
    const label = make("label", null, data.plural_labels[index] || `form ${index}`);
    label.htmlFor = id;
    const box = make("textarea");
    box.id = id;
    box.rows = 2;
    box.lang = "zh-CN";
    box.spellcheck = false;
    box.value = value;
    box.addEventListener("input", () => { keepUnsaved(); markTerms(); });
    forms.append(label, box);
  });
}

function renderSentBack(item) {
  const box = $("sent-back");
  box.hidden = !item.sent_back;
  if (item.sent_back) text(box, `Sent back: ${item.sent_back}`);
}

function openSendBack() {
  if (!view.current) return;
  $("send-back-box").hidden = false;
  $("send-back-reason").focus();
}

function closeSendBack() {
  $("send-back-box").hidden = true;
  $("send-back-reason").value = "";
}

async function sendBack() {
  const reason = $("send-back-reason").value.trim();
  if (!reason) { setStatus("say what needs work first"); $("send-back-reason").focus(); return; }
  const order = visibleItems();
  const item = view.current;
  if (!(await save({ approve: false, reject: reason }))) return;
  closeSendBack();
  await step(1, { needsWork: true, order });
  setStatus(`sent back ${describe(item)}: ${reason}`);
}

function resetHistory() {
  $("history-list").hidden = true;
  $("history-list").replaceChildren();
  $("history-button").setAttribute("aria-expanded", "false");
}

async function toggleHistory() {
  const list = $("history-list");
  if (!list.hidden) { resetHistory(); return; }
  if (!view.current) return;
  const { status, data } = await api(`/api/history?document=${encodeURIComponent(view.current.document)}&index=${view.current.index}`);
  if (status !== 200) { setStatus(data.error); return; }
  list.replaceChildren();
  for (const record of data.records) {
    list.append(make("div", "history-item record", `${record.what}: ${record.detail}`));
  }
  for (const commit of data.commits) {
    const row = make("div", "history-item commit");
    row.append(make("div", "muted", `${commit.date.slice(0, 16).replace("T", " ")} · ${commit.author} · ${commit.commit}`), make("div", null, commit.subject));
    if (commit.msgstr !== null) row.append(make("pre", null, `${commit.msgstr || "(empty)"}${commit.fuzzy ? "  [fuzzy]" : ""}`));
    list.append(row);
  }
  if (data.note) list.append(make("div", "muted", data.note));
  if (!list.children.length) list.append(make("div", "muted", "no history recorded yet"));
  list.hidden = false;
  $("history-button").setAttribute("aria-expanded", "true");
}

// Glossary terms marked in the rendered English (text nodes only; the HTML stays the
// server's).
function markEnglishTerms(terms) {
  const words = terms.map((t) => t.en).filter(Boolean).sort((a, b) => b.length - a.length);
  if (!words.length) return;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`\\b(${escaped.join("|")})\\b`, "gi");
  const walker = document.createTreeWalker($("english"), NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  for (const node of nodes) {
    const value = node.nodeValue;
    pattern.lastIndex = 0;
    if (!pattern.test(value)) continue;
    pattern.lastIndex = 0;
    const pieces = document.createDocumentFragment();
    let at = 0;
    for (const match of value.matchAll(pattern)) {
      pieces.append(document.createTextNode(value.slice(at, match.index)));
      pieces.append(make("mark", "term-mark", match[0]));
      at = match.index + match[0].length;
    }
    pieces.append(document.createTextNode(value.slice(at)));
    node.replaceWith(pieces);
  }
}

function renderMergeConflict(item) {
  const box = $("merge-conflict");
  box.hidden = !item.conflict;
  if (!item.conflict) return;
  for (const side of ["ours", "theirs"]) {
    const version = item.conflict[side];
    text($(`merge-${side}`), version.msgstr || "(empty)");
    text($(`merge-${side}-state`), version.reviewed_by ? `${version.state}, approved by ${version.reviewed_by}` : version.state);
  }
}

async function resolveMerge(side) {
  if (!view.current || !view.current.conflict) return;
  const body = { ...identity(), msgstr: "", resolve: side };
  const { status, data } = await api("/api/save", body);
  if (status !== 200) { setStatus(data.error || `error ${status}`); return; }
  forgetUnsaved(view.current);
  replaceItem(data.item);
  view.versions = data.versions;
  await openItem(data.item);
  setStatus(side === "ours" ? "kept ours: the entry is as this branch had it" : "took theirs: the entry is as the other branch had it");
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
  for (const term of data.terms) {
    const row = make("div", term.found ? "term" : "term missing", `${term.en} → ${term.target}`);
    row.dataset.target = term.target;
    terms.append(row);
    if (term.note) terms.append(make("div", "term-note", term.note));
    if (term.forbidden.length) terms.append(make("div", "term-forbidden", `never: ${term.forbidden.join("、")}`));
  }
  const suggestions = $("suggestions");
  suggestions.replaceChildren();
  suggestions.hidden = !data.suggestions.length || data.item.plural;
  if (data.suggestions.length) suggestions.append(make("div", "label", "Translation memory"));
  for (const suggestion of data.suggestions) {
    const button = make("button", "suggestion quiet");
    button.type = "button";
    button.title = `from ${suggestion.origin}`;
    button.append(make("span", "score", `${Math.round(suggestion.score)}%`), document.createTextNode(suggestion.text));
    button.addEventListener("click", () => {
      replaceText(suggestion.text);
      view.origin = { text: suggestion.text, what: `memory ${suggestion.origin} (${Math.round(suggestion.score)}%)` };
    });
    suggestions.append(button);
    const where = make("div", "muted suggestion-diff");
    if (suggestion.diff) {
      where.append(document.createTextNode(`${suggestion.origin}: `));
      for (const op of suggestion.diff) {
        const tag = op.op === "added" ? "ins" : op.op === "removed" ? "del" : "span";
        where.append(make(tag, null, op.text), document.createTextNode(" "));
      }
    } else {
      where.append(document.createTextNode(`${suggestion.origin}: the same English`));
    }
    suggestions.append(where);
  }
  renderComments(data.item);
}

function renderComments(item) {
  const comments = $("comments");
  comments.replaceChildren();
  const notes = item.extracted_comments;
  comments.hidden = !(notes.length || item.comments.length || item.origin);
  if (!comments.hidden) comments.append(make("div", "label", "Comments"));
  for (const note of notes) comments.append(make("div", "comment extracted", `#. ${note}`));
  for (const comment of item.comments) comments.append(make("div", "comment translator", `# ${comment}`));
  if (item.origin) comments.append(make("div", "comment muted", `text taken from ${item.origin}`));
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

// Replacing the text as typing would, so Ctrl+Z undoes Copy English, a memory suggestion
// or Revert like any other edit.
function replaceText(value) {
  const box = $("translation");
  box.focus();
  box.select();
  if (!document.execCommand("insertText", false, value)) {
    box.value = value;
    box.dispatchEvent(new Event("input"));
  }
}

function markTerms() {
  const value = view.current && view.current.plural ? pluralBoxes().map((b) => b.value).join("\n") : $("translation").value;
  for (const row of document.querySelectorAll("#terms .term")) {
    row.classList.toggle("missing", !value.includes(row.dataset.target));
  }
}

function scheduleCheck() {
  clearTimeout(view.checkTimer);
  view.checkTimer = setTimeout(runCheck, 250);
}

async function runCheck() {
  if (!view.current || view.current.plural) return;
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

async function save({ approve, reject = null }) {
  if (!view.current) return false;
  const body = { ...identity(), msgstr: $("translation").value, approve, suppress: approve ? view.suppress : {} };
  if (view.current.plural) body.msgstr_plural = pluralBoxes().map((b) => b.value);
  if (reject !== null) body.reject = reject;
  if (view.origin && body.msgstr === view.origin.text) body.origin = view.origin.what;
  const { status, data } = await api("/api/save", body);
  if (status === 200) {
    forgetUnsaved(view.current);
    replaceItem(data.item);
    view.versions = data.versions;
    view.current = data.item;
    view.loaded = loadedText(data.item);
    text($("entry-state"), data.item.state).className = `state state-${data.item.state.replace(" ", "-")}`;
    renderMergeConflict(data.item);
    renderSentBack(data.item);
    renderComments(data.item);
    setStatus(approve ? "approved ✓" : reject !== null ? "sent back" : "saved");
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
  const index = view.positions.get(keyOf(item)) ?? -1;
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

// The preview is fetched once per version of the document's catalog; moving to another
// entry only moves the highlight to the block that holds the entry's source line. A long
// document comes as a window of blocks around the entry, fetched again when the entry is
// outside it.
async function loadPreview() {
  if (!view.current) return;
  const documentName = view.current.document;
  const line = sourceLine(view.current);
  const version = `${documentName}@${view.versions[documentName] || ""}`;
  const window = view.previewWindow;
  const outside = window && line !== null && (line < window[0] || line > window[1]);
  if (view.previewVersion !== version || outside) {
    const query = `document=${encodeURIComponent(documentName)}${line === null ? "" : `&line=${line}`}`;
    const { status, data } = await api(`/api/preview?${query}`);
    if (status !== 200 || !view.current || view.current.document !== documentName) return;
    $("preview").innerHTML = data.html;
    view.previewVersion = version;
    view.previewWindow = data.window;
  }
  highlightPreview();
  document.body.dataset.preview = linkOf(view.current);
}

function sourceLine(item) {
  for (const reference of item.references) {
    const match = /:(\d+)$/.exec(reference);
    if (match) return Number(match[1]);
  }
  return null;
}

function highlightPreview() {
  const preview = $("preview");
  for (const old of preview.querySelectorAll(".highlight")) old.classList.remove("highlight");
  const line = view.current ? sourceLine(view.current) : null;
  if (line === null) return;
  for (const block of preview.querySelectorAll("[data-lines]")) {
    const [first, last] = block.dataset.lines.split("-").map(Number);
    if (first <= line && line <= last) {
      block.classList.add("highlight");
      block.scrollIntoView({ block: "nearest" });
      return;
    }
  }
}

// "Next" is the entry after the current one in the list as it was when the key was
// pressed: an approved entry may leave the filtered list, the step still starts from it.
async function step(direction, { needsWork = false, order = visibleItems() } = {}) {
  if (!order.length) return;
  const at = view.current ? order.findIndex((i) => keyOf(i) === keyOf(view.current)) : -1;
  const start = at === -1 ? (direction > 0 ? -1 : 0) : at;
  for (let offset = 1; offset <= order.length; offset += 1) {
    const listed = order[(((start + direction * offset) % order.length) + order.length) % order.length];
    const candidate = findItem(keyOf(listed));
    if (!candidate || (view.current && keyOf(candidate) === keyOf(view.current))) continue;
    if (!needsWork || candidate.needs_work) { await go(candidate); return; }
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
    const fresh = findItem(keyOf(view.current));
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

function describe(item) {
  const words = item.msgid.split(/\s+/).slice(0, 6).join(" ");
  return `“${words}${item.msgid.split(/\s+/).length > 6 ? "…" : ""}”`;
}

document.addEventListener("keydown", (event) => {
  const mod = event.ctrlKey || event.metaKey; // Cmd on macOS
  const typing = ["TEXTAREA", "INPUT", "SELECT"].includes(document.activeElement.tagName);
  if (event.key === "Escape" && $("help").open) { $("help").close(); return; }
  if (event.key === "Escape" && !$("send-back-box").hidden) { closeSendBack(); $("translation").focus(); return; }
  if (mod && event.shiftKey && event.key === "Enter") {
    event.preventDefault();
    if ($("send-back-box").hidden) openSendBack(); else sendBack();
  } else if (event.key === "Enter" && document.activeElement === $("send-back-reason")) {
    event.preventDefault();
    sendBack();
  } else if (mod && event.key === "Enter") {
    event.preventDefault();
    const order = visibleItems();
    const approved = view.current;
    save({ approve: true }).then(async (ok) => {
      if (!ok) return;
      await step(1, { needsWork: true, order });
      setStatus(`approved ✓ the previous entry, ${describe(approved)}`);
    });
  } else if (mod && (event.key === "s" || event.key === "S")) {
    event.preventDefault();
    save({ approve: false });
  } else if (event.altKey && event.key === "ArrowDown") {
    event.preventDefault();
    step(1);
  } else if (event.altKey && event.key === "ArrowUp") {
    event.preventDefault();
    step(-1);
  } else if (event.altKey && (event.code === "Digit1" || event.code === "Digit2") && view.current && view.current.conflict) {
    event.preventDefault();
    resolveMerge(event.code === "Digit1" ? "ours" : "theirs");
  } else if (event.key === "F1" || (mod && event.key === "/") || (event.key === "?" && !typing)) {
    event.preventDefault();
    $("help").showModal();
  }
});

$("translation").addEventListener("input", () => { scheduleCheck(); markTerms(); keepUnsaved(); });
$("approve").addEventListener("click", () => save({ approve: true }));
$("save").addEventListener("click", () => save({ approve: false }));
$("revert").addEventListener("click", () => {
  if (view.current && view.current.provenance) replaceText(view.current.provenance.draft);
});
$("copy-english").addEventListener("click", () => { if (view.current) replaceText(view.current.msgid); });
$("send-back").addEventListener("click", openSendBack);
$("send-back-confirm").addEventListener("click", sendBack);
$("send-back-cancel").addEventListener("click", closeSendBack);
$("history-button").addEventListener("click", toggleHistory);
$("merge-keep-ours").addEventListener("click", () => resolveMerge("ours"));
$("merge-take-theirs").addEventListener("click", () => resolveMerge("theirs"));
$("raw-toggle").addEventListener("click", () => { $("english-raw").hidden = !$("english-raw").hidden; $("english").hidden = !$("english").hidden; });
$("take-theirs").addEventListener("click", () => resolveConflict(true));
$("keep-mine").addEventListener("click", () => resolveConflict(false));
$("help-button").addEventListener("click", () => $("help").showModal());
$("help-close").addEventListener("click", () => $("help").close());
for (const id of ["search", "state-filter", "document-filter", "findings-filter"]) {
  $(id).addEventListener("input", renderQueue);
}
$("search").addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  const first = visibleItems()[0];
  if (first) go(first);
});
window.addEventListener("beforeunload", (event) => { if (isDirty()) { keepUnsaved(); event.preventDefault(); } });

function linked(hash) {
  const wanted = decodeURIComponent(hash.slice(1));
  return view.items.find((i) => linkOf(i) === wanted) || null;
}

window.addEventListener("hashchange", () => {
  if (location.hash === view.hash) return;
  const target = linked(location.hash);
  if (target) go(target);
});

await loadQueue();
const first = linked(location.hash) || view.items.find((i) => i.needs_work) || view.items[0];
if (first) await openItem(first);
else text($("empty-note"), "Nothing to review: no catalogs for this language yet (run editions update).");
setInterval(poll, 1500);
