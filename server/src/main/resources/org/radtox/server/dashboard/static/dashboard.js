// The RadTox dashboard: three views over the server's own API (/api/dashboard, docs/DASHBOARD.md), routed by
// the URL's fragment so every view and filter can be linked, printed and reloaded:
//   #/cohort?symptom=..&grade=..   #/patient/{id}   #/note/{id}/{version}?finding={observation}   #/models?a=..&b=..
// Charts are Apache ECharts (served from the jar); every chart's numbers are also in a table.

const API = 'api/dashboard/';
const main = document.getElementById('main');
const message = document.getElementById('message');
const charts = [];

// ---------- talking to the API ----------

class ApiError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

function authHeaders() {
  const token = sessionStorage.getItem('radtox.token');
  return token ? { Authorization: 'Bearer ' + token } : {};
}

async function api(path) {
  const response = await fetch(API + path, { headers: { Accept: 'application/json', ...authHeaders() } });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch (e) {
    body = null;
  }
  if (!response.ok) {
    if (response.status === 401 || response.status === 403) {
      document.getElementById('token-form').hidden = false;
    }
    const reason = body && body.error ? body.error : (text.match(/<title>([^<]*)<\/title>/i) || [])[1] || response.statusText;
    throw new ApiError(response.status, reason);
  }
  return body;
}

// ---------- small DOM helpers ----------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function table(caption, headers, rows, id) {
  return el('table', { id },
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.map(r => el('tr', {}, r.map(c => el('td', {}, c))))));
}

/** Marks the view drawn (tests and the benchmark wait for it), with the milliseconds since the page began to load. */
function ready(view) {
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = view;
}

function say(text, kind = 'info') {
  message.className = kind;
  message.textContent = text;
}

function clear() {
  charts.splice(0).forEach(c => c.dispose());
  main.replaceChildren();
  delete document.body.dataset.ready;
  say('');
}

function chart(title, id, height = 320) {
  const box = el('div', { class: 'chart', id, role: 'img', 'aria-label': title + ' (the same numbers are in the table below)', style: `height:${height}px` });
  main.append(el('h3', { text: title }), box);
  const c = echarts.init(box, null, { renderer: 'svg' });
  charts.push(c);
  return c;
}

const percent = (n, d) => (d ? Math.round(1000 * n / d) / 10 : 0);
const GRADE_COLOURS = ['#9e9e9e', '#fdd49e', '#fc8d59', '#d7301f', '#7f0000', '#1a1a1a']; // absent, then worse = darker

// ---------- routing ----------

function route() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  clear();
  let view;
  if (parts[0] === 'patient' && parts[1]) view = patientView(parts[1]);
  else if (parts[0] === 'note' && parts[1] && parts[2]) view = noteView(parts[1], parts[2], params.get('finding'));
  else if (parts[0] === 'models') view = modelView(params);
  else view = cohortView(params);
  view.catch(failure);
}

function failure(e) {
  // A refused request or a failure is always said on the page: never a blank screen.
  const text = e instanceof ApiError ? e.message : 'The dashboard could not show this view: ' + e.message;
  say(text, 'error');
  main.append(el('p', { class: 'failed', text: 'Nothing to show: ' + text }));
  ready('error');
}

// ---------- cohort view ----------

const FILTERS = ['symptom', 'grade', 'from', 'to', 'noteType', 'technique', 'student'];

function filterQuery(params) {
  const q = new URLSearchParams();
  for (const f of FILTERS) for (const v of params.getAll(f)) if (v) q.append(f, v);
  return q.toString();
}

function select(name, label, options, chosen) {
  const id = 'filter-' + name;
  return el('div', { class: 'field' },
    el('label', { for: id, text: label }),
    el('select', { id, name },
      el('option', { value: '', text: 'All' }),
      options.map(o => el('option', { value: o.value, text: o.label, selected: o.value === chosen }))));
}

function filterForm(values, params) {
  const form = el('form', { id: 'filters', 'aria-label': 'Filters' },
    select('symptom', 'Symptom', values.symptoms.map(s => ({ value: s.key, label: s.display })), params.get('symptom')),
    select('grade', 'Grade', [0, 1, 2, 3, 4, 5].map(g => ({ value: String(g), label: g === 0 ? '0 (absent)' : String(g) })), params.get('grade')),
    el('div', { class: 'field' }, el('label', { for: 'filter-from', text: 'From' }),
      el('input', { id: 'filter-from', name: 'from', type: 'date', value: params.get('from') || '' })),
    el('div', { class: 'field' }, el('label', { for: 'filter-to', text: 'To' }),
      el('input', { id: 'filter-to', name: 'to', type: 'date', value: params.get('to') || '' })),
    select('noteType', 'Note type', values.noteTypes.map(v => ({ value: v, label: v })), params.get('noteType')),
    select('technique', 'RT technique', values.techniques.map(v => ({ value: v, label: v })), params.get('technique')),
    select('student', 'Student version', values.studentVersions.map(v => ({ value: v, label: v })), params.get('student')),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', id: 'apply', text: 'Apply filters' }),
      el('a', { href: '#/cohort', class: 'button', text: 'Clear' })));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (v) q.append(k, v);
    location.hash = '#/cohort' + (q.toString() ? '?' + q : '');
  });
  return form;
}

async function cohortView(params) {
  const query = filterQuery(params);
  main.append(el('h2', { text: 'Cohort' }));
  // All four requests at once: the view is ready when the slowest answers, not after the sum of them.
  const valuesAsked = api('filters');
  const dataAsked = Promise.all([api('overview?' + query), api('timeline?' + query), api('findings?limit=100&' + query)]);
  dataAsked.catch(() => {}); // reported below, once the filters are on the page to correct it
  const values = await valuesAsked;
  main.append(filterForm(values, params));
  const [overview, timeline, page] = await dataAsked;
  const t = overview.totals;
  if (values.findings === 0) {
    say('No findings yet: no note has been read. Store clinical notes (DocumentReference) through the FHIR API; '
      + 'their findings appear here once extracted.', 'info');
    main.append(el('p', { class: 'empty', id: 'empty', text: 'No findings yet.' }));
    ready('cohort');
    return;
  }
  if (t.findings === 0) {
    say('No findings match these filters.', 'info');
  }
  main.append(el('p', { id: 'totals' }, `${t.findings} findings (${t.present} present) in ${t.notes} notes of ${t.patients} patients. `,
    el('a', { id: 'export-csv', href: API + 'findings.csv' + (query ? '?' + query : ''), download: 'radtox-findings.csv',
      text: 'Export these findings as CSV', onclick: downloadWithToken })));

  const shown = overview.symptoms.filter(s => s.patientsAssessed > 0);
  const byPeriod = timeline.by === 'week' ? 'week since RT start' : 'calendar month';
  const periods = [...new Set(timeline.points.map(p => p.period))];
  if (timeline.by === 'week') periods.sort((a, b) => Number(a) - Number(b));
  const series = (valueOf) => shown.map(s => ({
    name: s.display, type: 'line', connectNulls: true,
    data: periods.map(p => {
      const point = timeline.points.find(x => x.period === p && x.symptom === s.symptom);
      return point ? valueOf(point) : null;
    }),
  }));
  const axis = { type: 'category', name: byPeriod, nameLocation: 'middle', nameGap: 28,
    data: periods.map(p => timeline.by === 'week' ? 'wk ' + p : p) };
  const common = { animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { top: 48, left: 56, right: 16, bottom: 48 } };

  chart('Incidence by ' + byPeriod + ' (% of patients assessed with the symptom present)', 'chart-incidence').setOption({
    ...common, xAxis: axis, yAxis: { type: 'value', name: '%', max: 100 },
    series: series(p => percent(p.patientsPresent, p.patientsAssessed)),
  });
  chart('Maximum grade by ' + byPeriod, 'chart-max-grade').setOption({
    ...common, xAxis: axis, yAxis: { type: 'value', name: 'grade', min: 0, max: 5, interval: 1 },
    series: series(p => p.maxGrade),
  });
  chart('Grade distribution per symptom (findings)', 'chart-grades', 360).setOption({
    ...common, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: shown.map(s => s.display), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', name: 'findings' }, grid: { top: 48, left: 56, right: 16, bottom: 110 },
    series: [0, 1, 2, 3, 4, 5].map(g => ({
      name: g === 0 ? 'absent' : 'grade ' + g, type: 'bar', stack: 'grades', color: GRADE_COLOURS[g],
      data: shown.map(s => s.findingsByGrade[g] || 0),
    })),
  });

  main.append(table('Per symptom, with denominators (explicit "absent" findings count as assessed)',
    ['Symptom', 'Patients assessed', 'Patients with symptom', 'Incidence %', 'Notes assessed', 'Notes with symptom', 'Max grade',
      'Absent', 'G1', 'G2', 'G3', 'G4', 'G5'],
    overview.symptoms.map(s => [s.display, s.patientsAssessed, s.patientsPresent, percent(s.patientsPresent, s.patientsAssessed),
      s.notesAssessed, s.notesPresent, s.maxGrade ?? '–', ...[0, 1, 2, 3, 4, 5].map(g => s.findingsByGrade[g] || 0)]), 'symptom-table'));
  main.append(table(`Incidence by ${byPeriod}`, ['Period', 'Symptom', 'Patients assessed', 'Patients with symptom', 'Notes assessed', 'Max grade'],
    timeline.points.map(p => [p.period, display(values, p.symptom), p.patientsAssessed, p.patientsPresent, p.notesAssessed, p.maxGrade]),
    'timeline-table'));
  main.append(findingsTable(`Findings (${Math.min(page.findings.length, page.total)} of ${page.total}, newest first)`, page.findings, values));
  ready('cohort');
}

function display(values, key) {
  const s = values.symptoms.find(x => x.key === key);
  return s ? s.display : key;
}

function noteLink(f) {
  return el('a', { href: `#/note/${encodeURIComponent(f.noteId)}/${f.noteVersion}?finding=${encodeURIComponent(f.observationId)}`,
    class: 'note-link', text: `note ${f.noteId} v${f.noteVersion}` });
}

function findingsTable(caption, findings, values) {
  return table(caption, ['Date', 'Patient', 'Symptom', 'Status', 'Grade', 'Evidence', 'Note', 'Student version', 'FHIR'],
    findings.map(f => [f.effective || '–',
      el('a', { href: '#/patient/' + encodeURIComponent(f.patientId), class: 'patient-link', text: f.patientId }),
      display(values, f.symptom), f.status, f.grade, f.quote ? '“' + f.quote + '”' : '–', noteLink(f), f.studentVersion,
      el('a', { href: 'fhir/Observation/' + encodeURIComponent(f.observationId), text: 'Observation' })]),
    'findings-table');
}

async function downloadWithToken(ev) {
  // A plain link downloads when the server runs open; with a token, fetch it with the header.
  if (!sessionStorage.getItem('radtox.token')) return;
  ev.preventDefault();
  const response = await fetch(ev.currentTarget.href, { headers: authHeaders() });
  if (!response.ok) {
    say('The export was refused: HTTP ' + response.status, 'error');
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const a = el('a', { href: url, download: 'radtox-findings.csv' });
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

// ---------- patient view ----------

async function patientView(id) {
  main.append(el('h2', { text: 'Patient ' + id }));
  const [values, patient] = await Promise.all([api('filters'), api('patients/' + encodeURIComponent(id))]);
  main.append(el('p', { class: 'fhir-links' }, 'FHIR: ',
    el('a', { href: 'fhir/Patient/' + encodeURIComponent(id), text: 'Patient' }), ' · ',
    el('a', { href: patient.fhir.observations.replace(/^\//, ''), text: 'Observations' }), ' · ',
    el('a', { href: patient.fhir.notes.replace(/^\//, ''), text: 'Notes (DocumentReference)' })));
  const counted = patient.findings.filter(f => f.observationStatus !== 'entered-in-error');
  const symptoms = values.symptoms.filter(s => counted.some(f => f.symptom === s.key));
  const c = chart('Findings over time (select a point to open its note)', 'chart-patient', 60 + 36 * Math.max(3, symptoms.length));
  c.setOption({
    animation: false,
    tooltip: { formatter: p => `${p.data.display}: ${p.data.status === 'absent' ? 'absent' : 'grade ' + p.data.grade}<br>${p.data.effective}` },
    grid: { left: 170, right: 24, top: 40, bottom: 40 },
    xAxis: { type: 'time' }, yAxis: { type: 'category', data: symptoms.map(s => s.display) },
    visualMap: { show: true, orient: 'horizontal', top: 0, left: 'center', dimension: 2, type: 'piecewise',
      pieces: [0, 1, 2, 3, 4, 5].map(g => ({ value: g, color: GRADE_COLOURS[g], label: g === 0 ? 'absent' : 'grade ' + g })) },
    series: [{
      type: 'scatter', symbolSize: v => 10 + 4 * v[2],
      data: counted.filter(f => f.effective).map(f => ({ value: [f.effective, display(values, f.symptom), f.grade], ...f,
        display: display(values, f.symptom) })),
    }],
  });
  c.on('click', p => {
    location.hash = `#/note/${encodeURIComponent(p.data.noteId)}/${p.data.noteVersion}?finding=${encodeURIComponent(p.data.observationId)}`;
  });
  main.append(findingsTable('All findings of this patient, oldest first', counted, values));
  const retired = patient.findings.length - counted.length;
  if (retired > 0) main.append(el('p', { text: `${retired} earlier findings were replaced when their note changed (entered-in-error) and are not shown.` }));
  ready('patient');
}

// ---------- note view ----------

async function noteView(id, version, selected) {
  main.append(el('h2', { text: `Note ${id}, version ${version}` }));
  const [values, data] = await Promise.all([api('filters'), api(`notes/${encodeURIComponent(id)}/${encodeURIComponent(version)}`)]);
  const note = data.note;
  main.append(el('p', {}, `Patient `, el('a', { href: '#/patient/' + encodeURIComponent(note.patientId), text: note.patientId }),
    ` · date ${note.date || 'unknown'} · status ${note.status || 'unknown'} · `, el('a', { href: data.fhir.replace(/^\//, ''), text: 'FHIR DocumentReference' })));
  if (note.text === null) {
    say('The text of this note cannot be read here (its attachment is not plain text this server can extract).', 'error');
  } else {
    main.append(el('h3', { text: 'Note text, evidence highlighted' }), highlighted(note.text, data.findings, selected, values));
  }
  main.append(findingsTable('Findings read from this note', data.findings, values));
  const mark = document.getElementById('evidence-selected');
  if (mark) {
    mark.scrollIntoView({ block: 'center' });
    mark.focus();
  }
  ready('note');
}

/** The note text with each finding's evidence quote marked where it stands (offsets from extraction). */
function highlighted(text, findings, selected, values) {
  const spans = findings.filter(f => Number.isInteger(f.quoteStart) && Number.isInteger(f.quoteEnd) && f.quoteEnd > f.quoteStart
      && f.quoteEnd <= text.length)
    .sort((a, b) => (b.observationId === selected) - (a.observationId === selected) || a.quoteStart - b.quoteStart);
  const kept = [];
  for (const s of spans) if (!kept.some(k => s.quoteStart < k.quoteEnd && k.quoteStart < s.quoteEnd)) kept.push(s);
  kept.sort((a, b) => a.quoteStart - b.quoteStart);
  const pre = el('pre', { id: 'note-text', class: 'note' });
  let at = 0;
  for (const s of kept) {
    pre.append(text.slice(at, s.quoteStart));
    const isSelected = s.observationId === selected;
    pre.append(el('mark', { id: isSelected ? 'evidence-selected' : null, class: isSelected ? 'selected' : null, tabindex: isSelected ? '-1' : null,
      title: `${display(values, s.symptom)}: ${s.status === 'absent' ? 'absent' : 'grade ' + s.grade}`, 'data-observation': s.observationId },
    text.slice(s.quoteStart, s.quoteEnd)));
    at = s.quoteEnd;
  }
  pre.append(text.slice(at));
  return pre;
}

// ---------- model view ----------

async function modelView(params) {
  main.append(el('h2', { text: 'Model versions' }));
  const values = await api('filters');
  const a = params.get('a') || '';
  const b = params.get('b') || '';
  const q = new URLSearchParams();
  if (a) q.set('a', a);
  if (b) q.set('b', b);
  const models = await api('models?' + q);
  main.append(table('Findings by student version', ['Student version', 'Findings', 'Present', 'Notes', 'Patients', 'Absent', 'G1', 'G2', 'G3', 'G4', 'G5'],
    models.versions.map(v => [v.studentVersion, v.findings, v.present, v.notes, v.patients,
      ...[0, 1, 2, 3, 4, 5].map(g => v.findingsByGrade[g] || 0)]), 'versions-table'));
  if (models.versions.length) {
    chart('Findings by grade per student version', 'chart-versions', 280).setOption({
      animation: false, tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: { top: 0 },
      grid: { top: 40, left: 56, right: 16, bottom: 40 },
      xAxis: { type: 'category', data: models.versions.map(v => v.studentVersion) }, yAxis: { type: 'value' },
      series: [0, 1, 2, 3, 4, 5].map(g => ({ name: g === 0 ? 'absent' : 'grade ' + g, type: 'bar', stack: 'g', color: GRADE_COLOURS[g],
        data: models.versions.map(v => v.findingsByGrade[g] || 0) })),
    });
  }
  const options = values.studentVersions.map(v => ({ value: v, label: v }));
  const form = el('form', { id: 'agreement-form', 'aria-label': 'Compare two versions' },
    selectNamed('a', 'Version A', options, a), selectNamed('b', 'Version B', options, b),
    el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Compare' })));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const f = new URLSearchParams(new FormData(form));
    location.hash = '#/models?' + f;
  });
  main.append(el('h3', { text: 'Agreement between two versions on the same notes' }), form);
  if (models.agreement) {
    main.append(table(`${models.agreement.a} (A) against ${models.agreement.b} (B), per symptom`,
      ['Symptom', 'Compared', 'Same status', 'Same grade', 'Only A', 'Only B', 'Present in A', 'Present in B'],
      models.agreement.symptoms.map(s => [display(values, s.symptom), s.compared, `${s.sameStatus} (${percent(s.sameStatus, s.compared)}%)`,
        `${s.sameGrade} (${percent(s.sameGrade, s.compared)}%)`, s.onlyA, s.onlyB, s.presentA, s.presentB]), 'agreement-table'));
  }
  main.append(table('Clinician feedback on CDS Hooks cards, by student version',
    ['Student version', 'Cards issued', 'With feedback', 'Accepted', 'Overridden', 'Override reasons'],
    models.feedback.map(f => [f.studentVersion, f.cardsIssued, f.cardsWithFeedback,
      `${f.accepted} (${percent(f.accepted, f.cardsWithFeedback)}%)`, `${f.overridden} (${percent(f.overridden, f.cardsWithFeedback)}%)`,
      f.overrideReasons.map(r => `${r.display}: ${r.count}`).join('; ') || '–']), 'feedback-table'));
  if (!models.feedback.length) main.append(el('p', { text: 'No CDS Hooks cards have been issued yet.' }));
  ready('models');
}

function selectNamed(name, label, options, chosen) {
  const id = 'compare-' + name;
  return el('div', { class: 'field' }, el('label', { for: id, text: label }),
    el('select', { id, name, required: true }, el('option', { value: '', text: 'Choose' }),
      options.map(o => el('option', { value: o.value, text: o.label, selected: o.value === chosen }))));
}

// ---------- wiring ----------

document.getElementById('patient-search').addEventListener('submit', ev => {
  ev.preventDefault();
  const id = document.getElementById('patient-id').value.trim();
  if (id) location.hash = '#/patient/' + encodeURIComponent(id);
});
document.getElementById('token-form').addEventListener('submit', ev => {
  ev.preventDefault();
  sessionStorage.setItem('radtox.token', document.getElementById('token').value.trim());
  document.getElementById('token-form').hidden = true;
  route();
});
document.getElementById('print').addEventListener('click', () => window.print());
window.addEventListener('resize', () => charts.forEach(c => c.resize()));
window.addEventListener('hashchange', route);
route();
