// tunegate serve: the pages of the web workspace. Every piece of user text goes in with textContent
// (el() below), never innerHTML, so a row holding <script> or onerror= shows as text.
'use strict';

window.__tgErrors = [];
window.addEventListener('error', e => window.__tgErrors.push(String(e.message)));
window.addEventListener('unhandledrejection', e => window.__tgErrors.push(String(e.reason)));
const WS = document.body.dataset.ws;
const main = document.getElementById('main');
let session = { reviewer: null, csrf: null, reviewersConfigured: false };

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

async function api(path, opts) {
  const o = opts || {};
  const headers = { 'Accept': 'application/json' };
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  if (o.method && o.method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
  const r = await fetch(path, { method: o.method || 'GET', headers, body: o.body === undefined ? undefined : JSON.stringify(o.body), credentials: 'same-origin' });
  if (r.status === 204) return null;
  const data = await r.json().catch(() => ({}));
  if (!r.ok) { const err = new Error(data.error || ('HTTP ' + r.status)); err.status = r.status; throw err; }
  return data;
}

const wsApi = (p) => '/api/workspaces/' + encodeURIComponent(WS) + p;

function present(nodes) { return nodes.flat().filter(n => n !== null && n !== undefined && n !== false); }
function show(...nodes) { main.replaceChildren(...present(nodes)); }
function fail(e) { main.append(el('p', { class: 'error', role: 'alert' }, e.message)); }
function pct(x) { return x === null || x === undefined ? '—' : (100 * x).toFixed(1) + ' %'; }

function table(head, rows) {
  return el('table', {}, el('thead', {}, el('tr', {}, head.map(h => el('th', {}, h)))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => el('td', {}, c))))));
}

// ------------------------------------------------------------------------------------------- pages

async function workspaces() {
  const list = await api('/api/workspaces');
  show(el('h1', {}, 'Workspaces'), table(['workspace', 'latest decision', 'next review', 'changed since the previous record', 'weekly ops review'],
    list.map(w => [el('a', { href: '/w/' + encodeURIComponent(w.name) + '/' }, w.name),
      w.latestDecision ? '#' + w.latestDecision.number + ' ' + w.latestDecision.decision + (w.latestDecision.method ? ' (' + w.latestDecision.method + ')' : '') : 'no record yet — run tunegate assess',
      w.nextReview || '—', (w.changed || []).join('; '),
      el('a', { class: 'weekly-link', href: '/w/' + encodeURIComponent(w.name) + '/weekly' }, w.latestWeekly || 'none yet')])));
}

async function decision() {
  const d = await api(wsApi('/decisions'));
  const nodes = [el('h1', {}, 'Decision')];
  if (!d.latest) {
    nodes.push(el('p', {}, 'No decision record yet: run ', el('code', {}, 'tunegate assess ' + WS), '.'));
  } else {
    nodes.push(el('p', { class: 'verdict' }, '#' + d.latest.number + ' ' + d.latest.decision + (d.latest.method ? ' (' + d.latest.method + ')' : '') + ' · next review ' + (d.latest.nextReview || '—')));
    nodes.push(el('p', { class: 'muted' }, 'Changed since the previous record: ' + d.latest.changed.join('; ')));
    const c = d.latest.consistent;
    if (c) nodes.push(el('p', { id: 'consistent', class: c.verdict === 'FIRED' ? 'verdict' : 'muted' }, c.reason + (c.resolve ? ' · ' + c.resolve : '') + ' · ',
      el('a', { id: 'conflicts-link', href: '/w/' + encodeURIComponent(WS) + '/conflicts' }, c.verdict === 'FIRED' ? 'resolve the conflict groups' : 'the conflict groups')));
    nodes.push(el('iframe', { class: 'report', title: 'decision record', sandbox: 'allow-scripts', src: '/w/' + encodeURIComponent(WS) + '/report/' + encodeURIComponent(d.latest.number) }));
  }
  nodes.push(el('h2', {}, 'Timeline (decisions/log.jsonl)'));
  nodes.push(table(['#', 'date', 'kind', 'outcome', 'record'], d.timeline.slice().reverse().map(t => [
    t.id, t.date, t.kind || 'decision', t.kind === 'pilot' ? t.verdict : (t.decision + (t.method ? ' (' + t.method + ')' : '')),
    el('a', { href: '/w/' + encodeURIComponent(WS) + '/report/' + encodeURIComponent(t.id), target: '_blank', rel: 'noopener' }, 'open')])));
  show(...nodes);
}

async function audit() {
  const params = new URLSearchParams(location.search);
  const kind = params.get('kind') || '';
  const page = parseInt(params.get('page') || '0', 10);
  const a = await api(wsApi('/audit?kind=' + encodeURIComponent(kind) + '&page=' + page + '&size=25'));
  const go = (k, p) => { const q = new URLSearchParams(); if (k) q.set('kind', k); if (p) q.set('page', p); history.pushState(null, '', '?' + q); audit().catch(fail); };
  const select = el('select', { id: 'kind', 'aria-label': 'kind', on: { change: e => go(e.target.value, 0) } },
    el('option', { value: '' }, 'every kind'), Object.entries(a.kinds).map(([k, n]) => el('option', { value: k, selected: k === kind }, k + ' (' + n + ')')));
  const pages = Math.max(1, Math.ceil(a.total / a.size));
  const cards = a.findings.map(f => el('section', { class: 'finding ' + f.severity },
    el('p', {}, el('b', {}, f.kind), ' · ', f.file + (f.line ? ':' + f.line : ''), ' — ', f.message),
    f.rowTexts.length ? el('div', { class: 'side' }, f.rowTexts.map(r => el('div', { class: 'row' },
      el('p', { class: 'muted' }, 'line ' + r.line), el('p', {}, r.input), el('p', { class: 'out' }, '→ ' + r.output)))) : null));
  show(el('h1', {}, 'Audit findings'), el('p', {}, select, ' ', a.total + ' findings · page ' + (a.page + 1) + ' of ' + pages + ' ',
    el('button', { id: 'prev', disabled: a.page === 0, on: { click: () => go(kind, a.page - 1) } }, '‹ previous'), ' ',
    el('button', { id: 'next', disabled: a.page + 1 >= pages, on: { click: () => go(kind, a.page + 1) } }, 'next ›')), ...cards);
}

// --- review: one row at a time with the keyboard (a approve, r reject, e edit, s skip), filter + bulk with confirmation

let current = null;
let skipped = [];
let reviewView = null; // the latest /review answer: its progress and how many pending rows the filter selects

function signIn(after) {
  const input = el('input', { id: 'token', type: 'password', autocomplete: 'off', placeholder: 'reviewer token', size: 48 });
  const form = el('form', { id: 'signin', on: { submit: async ev => {
    ev.preventDefault();
    try { session = Object.assign(session, await api('/api/session', { method: 'POST', body: { token: input.value } })); who(); after(); }
    catch (e) { fail(e); }
  } } }, input, ' ', el('button', { type: 'submit' }, 'Sign in'));
  show(el('h1', {}, 'Sign in'), el('p', {}, session.reviewersConfigured
    ? 'Sign in with the token tunegate serve --add-reviewer printed for you.'
    : 'No reviewers yet: run tunegate serve --add-reviewer NAME DIR, then sign in with the token it prints.'), form);
}

async function review() {
  if (!session.reviewer) return signIn(() => review().catch(fail));
  const q = new URLSearchParams(location.search).get('q') || '';
  const o = await api(wsApi('/review?q=' + encodeURIComponent(q)));
  reviewView = o;
  const stats = progressSection(o);
  const filter = el('input', { id: 'filter', type: 'search', value: q, placeholder: 'filter pending rows (text, source, why)', size: 40 });
  const bulkBox = el('div', { id: 'bulk' });
  const bulk = (action) => {
    bulkBox.replaceChildren(el('div', { class: 'confirm', role: 'dialog' },
      el('p', {}, (action === 'approve' ? 'Approve ' : 'Reject ') + reviewView.matching + ' pending rows matching "' + q + '" as ' + session.reviewer + '?'),
      el('button', { id: 'confirm-bulk', on: { click: async () => {
        try {
          const b = await api(wsApi('/review/bulk'), { method: 'POST', body: { q, action, confirm: reviewView.matching } });
          bulkBox.replaceChildren(el('p', { id: 'bulk-result' }, b.decided + ' rows ' + (action === 'approve' ? 'approved' : 'rejected') + '; ' + b.skippedClaimed + ' skipped (another reviewer holds them); '
            + b.skippedBadDraft + ' skipped (the draft is the failed output)'));
          await refreshStats();
        } catch (e) { fail(e); }
      } } }, 'Confirm'), ' ',
      el('button', { id: 'cancel-bulk', on: { click: () => bulkBox.replaceChildren() } }, 'Cancel')));
  };
  const filterForm = el('form', { id: 'filter-form', on: { submit: ev => {
    ev.preventDefault(); history.pushState(null, '', '?q=' + encodeURIComponent(filter.value)); review().catch(fail);
  } } }, filter, ' ', el('button', { type: 'submit' }, 'Filter'), ' ', el('span', { id: 'matching' }, String(o.matching)), ' pending match ',
    el('button', { id: 'bulk-approve', type: 'button', disabled: o.matching === 0, on: { click: () => bulk('approve') } }, 'Approve all…'), ' ',
    el('button', { id: 'bulk-reject', type: 'button', disabled: o.matching === 0, on: { click: () => bulk('reject') } }, 'Reject all…'));
  const card = el('section', { id: 'card' });
  show(el('h1', {}, 'Review'), stats, filterForm, bulkBox, el('p', { class: 'muted keys' }, 'Keys: a approve · r reject · e edit (Ctrl+Enter saves) · s skip'), card,
    o.warnings.length ? el('details', {}, el('summary', {}, o.warnings.length + ' warnings'), el('ul', {}, o.warnings.map(w => el('li', {}, w)))) : null);
  await next();
}

function progressSection(o) {
  const p = o.progress;
  const k = o.agreement;
  return el('section', { id: 'progress' },
    el('p', {}, el('b', {}, p.done + ' done'), ' · ' + p.left + ' left of ' + p.rows + ' · ' + p.claimed + ' being reviewed now · '
      + p.doubleRows + ' rows go to two reviewers (' + pct(o.doubleShare) + ')'),
    el('p', {}, 'By reviewer: ' + (Object.entries(p.byReviewer).map(([n, c]) => n + ' ' + c).join(', ') || 'none yet')),
    el('p', {}, 'Agreement on ' + k.rows + ' rows reviewed twice: ' + (k.kappa
      ? 'κ = ' + k.kappa.estimate.toFixed(2) + ' [' + k.kappa.low.toFixed(2) + ', ' + k.kappa.high.toFixed(2) + '] (' + k.kappa.method + '); ' + k.agreed + ' agreed'
      : 'not enough pairs yet')));
}

// after each decision: the progress, and the count the bulk actions confirm (a stale one would be refused)
async function refreshStats() {
  const q = new URLSearchParams(location.search).get('q') || '';
  const o = await api(wsApi('/review?q=' + encodeURIComponent(q)));
  reviewView = o;
  const old = document.getElementById('progress');
  if (old) old.replaceWith(progressSection(o));
  const matching = document.getElementById('matching');
  if (matching) matching.textContent = String(o.matching);
  for (const id of ['bulk-approve', 'bulk-reject']) {
    const b = document.getElementById(id);
    if (b) b.disabled = o.matching === 0;
  }
}

async function next() {
  const card = document.getElementById('card');
  const q = new URLSearchParams(location.search).get('q') || '';
  current = await api(wsApi('/review/claim'), { method: 'POST', body: { skip: skipped, q } });
  window.__tgRowId = current ? current.id : null;
  if (!current) { card.replaceChildren(el('p', { id: 'done' }, q ? 'Nothing left for you to review among the rows matching "' + q + '".' : 'Nothing left for you to review.')); return; }
  const c = current;
  card.replaceChildren(...present([
    el('p', { class: 'muted' }, c.source + ' · ' + (c.why || 'pending review') + (c.when ? ' (' + c.when + ')' : '') + (c.secondReview ? ' · second review' : '')),
    c.system ? el('details', {}, el('summary', {}, 'system prompt'), el('pre', {}, c.system)) : null,
    el('h3', {}, 'Input'), el('pre', { id: 'row-input' }, c.input),
    c.badOutput !== undefined ? [el('h3', {}, 'Output that failed in production'), el('pre', { class: 'bad' }, c.badOutput)] : null,
    el('h3', {}, 'Draft output'), el('pre', { id: 'row-output' }, c.output),
    c.draftIsBadOutput ? el('p', { class: 'error' }, 'This draft is the output that failed: edit it or reject it.') : null,
    el('div', { id: 'edit-box', hidden: true }, el('textarea', { id: 'edit', rows: 4, cols: 80 }), el('br'),
      el('button', { id: 'save-edit', on: { click: () => decide('edit') } }, 'Save and approve (Ctrl+Enter)')),
    el('p', {}, el('button', { id: 'approve', on: { click: () => decide('approve') } }, 'Approve (a)'), ' ',
      el('button', { id: 'reject', on: { click: () => decide('reject') } }, 'Reject (r)'), ' ',
      el('button', { id: 'edit-open', on: { click: openEdit } }, 'Edit (e)'), ' ',
      el('button', { id: 'skip', on: { click: skip } }, 'Skip (s)')),
    el('h3', {}, 'Near neighbours in the training set'),
    c.neighbours.length ? table(['line', 'status', 'similarity', 'input', 'output'], c.neighbours.map(n => [n.line, n.status, n.jaccard.toFixed(2), n.input, n.output]))
      : el('p', { class: 'muted' }, 'none')]));
}

function openEdit() {
  const box = document.getElementById('edit-box');
  box.hidden = false;
  const t = document.getElementById('edit');
  t.value = current.output;
  t.focus();
}

async function decide(action) {
  if (!current) return;
  const body = { claim: current.claim, action };
  if (action === 'edit') body.output = document.getElementById('edit').value;
  try {
    await api(wsApi('/review/' + encodeURIComponent(current.id)), { method: 'POST', body });
    await refreshStats();
    await next();
  } catch (e) { fail(e); if (e.status === 409) await next(); }
}

async function skip() {
  if (!current) return;
  skipped.push(current.id);
  await api(wsApi('/review/' + encodeURIComponent(current.id) + '/release'), { method: 'POST', body: { claim: current.claim } });
  document.getElementById('card').replaceChildren(el('p', {}, 'Skipped. ', el('button', { id: 'more', on: { click: () => next().catch(fail) } }, 'Next row')));
  current = null;
}

document.addEventListener('keydown', ev => {
  if (document.body.dataset.page !== 'review' || !current) return;
  const typing = ev.target instanceof HTMLTextAreaElement || ev.target instanceof HTMLInputElement;
  if (typing) {
    if (ev.target.id === 'edit' && ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); decide('edit').catch(fail); }
    return;
  }
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const k = ev.key.toLowerCase();
  if (k === 'a') { ev.preventDefault(); decide('approve').catch(fail); }
  else if (k === 'r') { ev.preventDefault(); decide('reject').catch(fail); }
  else if (k === 'e') { ev.preventDefault(); openEdit(); }
  else if (k === 's') { ev.preventDefault(); skip().catch(fail); }
});

async function regression() {
  const r = await api(wsApi('/regression'));
  const only = new URLSearchParams(location.search).get('changed') === '1';
  const items = [].concat(r.improved.map(i => [i, 'improved']), r.regressed.map(i => [i, 'regressed']), only ? [] : r.unchanged.map(i => [i, 'unchanged']));
  const toggle = el('label', {}, el('input', { id: 'changed-only', type: 'checkbox', checked: only, on: { change: e => {
    history.pushState(null, '', e.target.checked ? '?changed=1' : '?'); regression().catch(fail);
  } } }), ' changed only');
  show(el('h1', {}, 'Regression: ' + r.baseline + ' → ' + r.candidate),
    el('p', { class: 'verdict' }, r.verdict + ' — ' + r.reason),
    el('p', {}, r.sharedItems + ' shared items: ' + r.improved.length + ' improved, ' + r.regressed.length + ' regressed, ' + r.unchanged.length + ' unchanged · margin ' + pct(r.margin)),
    el('details', {}, el('summary', {}, 'paired statistics'), el('pre', {}, JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !['improved', 'regressed', 'unchanged', 'findings', 'bySlice', 'baselineOnly', 'candidateOnly', 'missingFromBoth'].includes(k))), null, 2))),
    toggle, table(['item', 'change'], items.map(([i, c]) => [i, el('span', { class: c }, c)])));
}

const charts = [];
async function pilot() {
  const p = await api(wsApi('/pilot'));
  const r = p.record;
  if (!r) { show(el('h1', {}, 'Pilot'), el('p', {}, 'No pilot record yet: run ', el('code', {}, 'tunegate pilot ' + WS), '.')); return; }
  const s = r.settings || {};
  const rows = (r.checkpoints && r.checkpoints.rows) || [];
  const specs = [
    ['adoption', 'adoption', s.adoptionTarget, 'target'],
    ['latencyP95Ms', 'latency p95 (ms)', s.latencyP95MsMax, 'guardrail'],
    ['unitCostUsd', 'unit cost (USD)', s.unitCostUsdMax, 'guardrail'],
    ['processKpi', s.processKpi || 'process KPI', s.processKpiTarget, 'target'],
    ['calls', 'calls', null, null]];
  const grid = el('div', { class: 'charts' });
  show(el('h1', {}, 'Pilot: ' + r.verdict), el('p', { class: 'verdict' }, r.summary),
    table(['condition', 'gate', 'met', 'measured'], (r.conditions || []).map(c => [c.title, c.gate, c.met === null ? 'unknown' : (c.met ? 'yes' : 'no'), c.measuredText || String(c.measured)])),
    grid, el('h2', {}, 'What would change it'), el('ul', {}, (r.wouldChange || []).map(w => el('li', {}, w))));
  charts.splice(0).forEach(c => c.destroy());
  for (const [key, label, line, lineLabel] of specs) {
    if (!rows.some(x => typeof x[key] === 'number')) continue;
    const canvas = el('canvas', { 'aria-label': label, role: 'img' });
    grid.append(el('figure', {}, canvas, el('figcaption', {}, label + (line !== null && line !== undefined ? ' vs ' + lineLabel + ' ' + line : ''))));
    if (typeof Chart === 'undefined') continue;
    const datasets = [{ label, data: rows.map(x => x[key]), borderColor: '#2f5bd3', tension: 0.2 }];
    if (line !== null && line !== undefined) datasets.push({ label: lineLabel, data: rows.map(() => line), borderColor: '#d9480f', borderDash: [6, 4], pointRadius: 0 });
    charts.push(new Chart(canvas, { type: 'line', data: { labels: rows.map(x => x.date), datasets }, options: { animation: false, responsive: true } }));
  }
}

// --- conflicts: label-conflict groups of approved rows side by side; a reviewer claims a group (a lease, as rows
// are claimed), then picks the output that wins or rejects the group; the resolution goes to the review log.

let conflictListing = null;
let conflictClaims = {};

async function conflicts(message) {
  if (!session.reviewer) return signIn(() => conflicts().catch(fail));
  const page = parseInt(new URLSearchParams(location.search).get('page') || '0', 10);
  const o = await api(wsApi('/conflicts?page=' + page + '&size=20'));
  conflictListing = o.listing;
  conflictClaims = {};
  window.__tgListing = o.listing;
  const pages = Math.max(1, Math.ceil(o.total / o.size));
  const go = p => { history.pushState(null, '', p ? '?page=' + p : '?'); conflicts().catch(fail); };
  const status = el('div', { id: 'conflict-status', role: 'status' }, message ? el('p', { id: 'conflict-result' }, message) : null);
  show(el('h1', {}, 'Conflicts'),
    el('p', { id: 'conflict-summary' }, o.total + (o.total === 1 ? ' conflict group' : ' conflict groups') + ' among ' + o.countedRows
      + ' approved current-era rows (FT-CONSISTENT counts them) · resolving as ' + session.reviewer + ' · a claim lasts '
      + Math.round(o.leaseSeconds / 60) + ' min'),
    el('p', { class: 'muted' }, 'Each group is one input (or near-duplicate inputs) with rival approved outputs. Claim a group, then pick the output that wins — the rows of the other outputs stop counting as approved — or reject the whole group. Resolutions are appended to data/review-log.jsonl.'),
    status,
    o.total === 0 ? el('p', { id: 'no-conflicts' }, 'No conflict groups: the approved rows agree.') : null,
    pages > 1 ? el('p', {}, 'page ' + (o.page + 1) + ' of ' + pages + ' ',
      el('button', { id: 'prev', disabled: o.page === 0, on: { click: () => go(o.page - 1) } }, '‹ previous'), ' ',
      el('button', { id: 'next', disabled: o.page + 1 >= pages, on: { click: () => go(o.page + 1) } }, 'next ›')) : null,
    ...o.groups.map(conflictGroup),
    o.notes.length ? el('details', {}, el('summary', {}, o.notes.length + ' warnings'), el('ul', {}, o.notes.map(w => el('li', {}, w)))) : null);
}

function conflictGroup(g) {
  const held = g.heldBy && g.heldBy !== session.reviewer;
  const actions = el('p', { class: 'actions' }, held
    ? el('span', { class: 'muted' }, 'being resolved by ' + g.heldBy)
    : el('button', { class: 'claim', 'data-id': g.id, on: { click: () => claimConflict(g).catch(fail) } }, 'Resolve this group…'));
  return el('section', { class: 'conflict', id: 'group-' + g.id, 'data-id': g.id },
    el('h2', {}, 'Conflict ' + g.number + ' ', el('span', { class: 'muted' }, '(' + g.id + ' · ' + g.rows + ' rows, ' + g.rivals.length + ' outputs, ' + g.counted + ' counted)')),
    g.inputs.length === 1 ? el('h3', {}, 'Input') : el('h3', {}, g.inputs.length + ' near-duplicate inputs'),
    g.inputs.map(i => el('pre', { class: 'input' }, i)),
    el('div', { class: 'side' }, g.rivals.map(r => el('div', { class: 'row rival', 'data-n': r.number },
      el('p', {}, el('b', {}, 'Output ' + r.number), ' · ' + r.rows.length + (r.rows.length === 1 ? ' row' : ' rows') + ', ' + r.counted + ' approved and counted'),
      el('pre', { class: 'out' }, r.output),
      el('ul', { class: 'members' }, r.rows.map(m => el('li', { class: m.counted ? null : 'muted' }, m.source + ' — ' + m.who))),
      el('p', { class: 'choice' })))),
    el('p', { class: 'error', role: 'alert', hidden: true }),
    actions);
}

function groupError(g, e) {
  const sec = document.getElementById('group-' + g.id);
  if (!sec) return fail(e);
  const p = sec.querySelector('p.error');
  p.hidden = false;
  p.textContent = e.message;
}

async function claimConflict(g) {
  const sec = document.getElementById('group-' + g.id);
  let c;
  try { c = await api(wsApi('/conflicts/' + encodeURIComponent(g.id) + '/claim'), { method: 'POST', body: { listing: conflictListing } }); }
  catch (e) { groupError(g, e); return; }
  conflictClaims[g.id] = c.claim;
  sec.classList.add('claimed');
  sec.querySelectorAll('.rival').forEach(div => {
    const n = parseInt(div.dataset.n, 10);
    const r = g.rivals[n - 1];
    div.querySelector('.choice').replaceChildren(el('button', { class: 'choose', 'data-n': n, disabled: r.counted === 0,
      title: r.counted === 0 ? 'no approved row gives this output' : null,
      on: { click: () => resolveConflict(g, String(n)).catch(fail) } }, 'Output ' + n + ' wins'));
  });
  sec.querySelector('.actions').replaceChildren(
    el('button', { class: 'reject-group', on: { click: () => resolveConflict(g, 'reject').catch(fail) } }, 'Reject the whole group'), ' ',
    el('button', { class: 'skip-group', on: { click: () => skipConflict(g).catch(fail) } }, 'Skip'),
    el('span', { class: 'muted' }, ' claimed for you for ' + Math.round(c.leaseSeconds / 60) + ' min'));
}

async function skipConflict(g) {
  await api(wsApi('/conflicts/' + encodeURIComponent(g.id) + '/release'), { method: 'POST', body: { claim: conflictClaims[g.id] } });
  delete conflictClaims[g.id];
  document.getElementById('group-' + g.id).replaceWith(conflictGroup(g));
}

async function resolveConflict(g, winner) {
  let r;
  try {
    r = await api(wsApi('/conflicts/' + encodeURIComponent(g.id)), { method: 'POST', body: { listing: conflictListing, claim: conflictClaims[g.id], winner } });
  } catch (e) { groupError(g, e); return; }
  const res = r.resolution;
  const n = res.drop.length;
  await conflicts('Conflict group ' + g.id + ': ' + (res.outcome === 'reject' ? 'rejected' : 'output ' + winner + ' wins') + '; '
    + n + (n === 1 ? ' row no longer counts' : ' rows no longer count') + ' as approved (' + res.reviewer + ', ' + res.at + ').');
}

// --- weekly ops review: the page tunegate ops weekly writes, rendered from ops/weekly/WEEK.json, in a sandboxed frame

async function weekly() {
  const w = await api(wsApi('/weekly'));
  if (!w.latest) {
    show(el('h1', {}, 'Weekly ops review'), el('p', { id: 'no-weekly' }, 'No weekly review yet: run ', el('code', {}, 'tunegate ops weekly ' + WS), ' (it writes ops/weekly/YYYY-Www.json).'));
    return;
  }
  const chosen = new URLSearchParams(location.search).get('week');
  const week = w.weeks.includes(chosen) ? chosen : w.weeks[0];
  const select = el('select', { id: 'week', 'aria-label': 'week', on: { change: e => { history.pushState(null, '', '?week=' + encodeURIComponent(e.target.value)); weekly().catch(fail); } } },
    w.weeks.map(k => el('option', { value: k, selected: k === week }, k)));
  const l = w.latest;
  show(el('h1', {}, 'Weekly ops review'),
    el('p', {}, select, ' ', el('span', { class: 'muted' }, 'latest: ' + l.week + ' (' + l.from + ' – ' + l.to + ') · ' + l.calls + ' calls · ' + l.refused + ' refused · ' + l.backlog + ' backlog entries')),
    el('iframe', { class: 'report', id: 'weekly-report', title: 'weekly review ' + week, sandbox: 'allow-scripts', src: '/w/' + encodeURIComponent(WS) + '/weekly/' + encodeURIComponent(week) }));
}

// The page registry: one renderer per page id (the server's Page.ALL lists the pages and their paths).
const PAGES = { workspaces, decision, audit, review, conflicts, regression, pilot, weekly };

function who() {
  const w = document.getElementById('who');
  if (!session.reviewer) { w.replaceChildren(); return; }
  w.replaceChildren('signed in as ' + session.reviewer + ' ', el('button', { id: 'signout', on: { click: async () => {
    await api('/api/logout', { method: 'POST', body: {} }).catch(() => null);
    session.reviewer = null; session.csrf = null; who();
  } } }, 'sign out'));
}

(async () => {
  try { session = await api('/api/session'); who(); } catch (e) { /* pages that read only still work */ }
  const render = PAGES[document.body.dataset.page];
  const run = async () => {
    try { if (render) await render(); } catch (e) {
      if (e.status === 401 && !session.reviewer) return signIn(() => run());
      show(el('h1', {}, document.title)); fail(e);
    }
  };
  await run();
  window.__tgReady = true;
  window.addEventListener('popstate', () => render && render().catch(fail));
})();
