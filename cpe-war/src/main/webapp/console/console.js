// The CPE console: a page per hash route (#/, #/jobs, #/job/CLIENT/JOB, #/workers) over the REST API. It sends the
// user's HTTP Basic credentials (kept for this tab only) and X-Requested-With, so that a 401 shows this page's login
// form instead of the browser's dialog. Every value from the server is put in as text, never as HTML.
'use strict';

const REFRESH_MS = { dashboard: 3000, jobs: 3000, job: 1000, workers: 2000 };
const CREDENTIALS = 'cpe.credentials';
const state = { me: null, timer: null, route: null, jobsToken: null };

const $ = (selector) => document.querySelector(selector);

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || 'HTTP ' + status);
    this.status = status;
    this.error = body && body.error;
  }
}

async function api(path, options = {}) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
  const credentials = sessionStorage.getItem(CREDENTIALS);
  if (credentials) headers.Authorization = 'Basic ' + credentials;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch('api/' + path, { method: options.method || 'GET', headers, body: options.body });
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = { message: text }; }
  if (response.status === 401 && !options.login) {
    sessionStorage.removeItem(CREDENTIALS);
    showLogin(credentials ? 'Your login is no longer accepted; log in again.' : '');
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value === null || value === undefined ? '' : String(value);
  if (className) element.className = className;
  return element;
}

function link(href, value) {
  const a = text('a', value);
  a.href = href;
  return a;
}

function cell(row, content, className) {
  const td = row.insertCell();
  if (content instanceof Node) td.appendChild(content); else td.textContent = content === null || content === undefined ? '' : String(content);
  if (className) td.className = className;
  return td;
}

function time(value) {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return isNaN(date) ? String(value) : date.toLocaleString();
}

function notice(message, isError) {
  const p = $('#notice');
  p.textContent = message || '';
  p.className = isError ? 'error' : 'info';
  p.hidden = !message;
}

function show(page) {
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== page + '-page';
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === page || (page === 'job' && a.dataset.page === 'jobs'));
}

// --- login -----------------------------------------------------------------------------------------------------------

function showLogin(message) {
  stopRefresh();
  state.me = null;
  $('#nav').hidden = true;
  $('#who').hidden = true;
  show('login');
  const error = $('#login-error');
  error.textContent = message || '';
  error.hidden = !message;
}

async function logIn(event) {
  event.preventDefault();
  const user = $('#login-user').value;
  const password = $('#login-password').value;
  sessionStorage.setItem(CREDENTIALS, btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password))));
  try {
    await whoAmI(true);
    $('#login-password').value = '';
    route();
  } catch (e) {
    sessionStorage.removeItem(CREDENTIALS);
    showLogin(e.status === 401 ? 'Wrong user name or password.' : e.message);
  }
}

async function whoAmI(login) {
  state.me = await api('me', { login });
  $('#user').textContent = state.me.user + (state.me.operator ? ' (operator)' : ' (reader)');
  $('#nav').hidden = false;
  $('#who').hidden = false;
  document.body.classList.toggle('operator', state.me.operator);
}

function logOut() {
  sessionStorage.removeItem(CREDENTIALS);
  showLogin('Logged out.');
}

// --- routing and live refresh ----------------------------------------------------------------------------------------

function stopRefresh() {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
}

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || '');
  if (parts[0] === 'jobs') return { page: 'jobs', params };
  if (parts[0] === 'job' && parts.length >= 3) return { page: 'job', client: parts[1], jobId: parts.slice(2).join('/') };
  if (parts[0] === 'workers') return { page: 'workers' };
  return { page: 'dashboard' };
}

async function route() {
  stopRefresh();
  notice('');
  if (!state.me) {
    try { await whoAmI(false); } catch (e) { if (e.status !== 401) showLogin(e.message); return; }
  }
  state.route = parseRoute();
  show(state.route.page);
  if (state.route.page === 'jobs') fillFilter(state.route.params);
  refresh();
}

async function refresh() {
  const current = state.route;
  try {
    if (current.page === 'dashboard') await dashboard();
    else if (current.page === 'jobs') await jobs(false);
    else if (current.page === 'job') await job(current);
    else if (current.page === 'workers') await workers();
  } catch (e) {
    if (e.status === 401) return;
    notice(e.message, true);
  }
  if (state.route === current && state.me) state.timer = setTimeout(refresh, REFRESH_MS[current.page]);
}

// --- dashboard -------------------------------------------------------------------------------------------------------

async function dashboard() {
  const [summary, failures, roles] = await Promise.all([
    api('jobs/summary'),
    api('jobs?status=FAILED&pageSize=5'),
    api('roles'),
  ]);
  $('#count-OPEN').textContent = summary.open;
  for (const [status, count] of Object.entries(summary.closed)) {
    const element = document.getElementById('count-' + status);
    if (element) element.textContent = count;
  }
  const t = summary.throughput;
  $('#throughput').textContent = t.completedLastMinute + ' jobs completed in the last minute, '
    + t.completedLast5Minutes + ' in the last 5 minutes (' + (t.completedLast5Minutes / 5).toFixed(1) + '/min), '
    + t.completedLastHour + ' in the last hour.';
  const body = $('#failures tbody');
  body.replaceChildren();
  for (const j of failures.jobs.slice(0, 5)) {
    const row = body.insertRow();
    cell(row, link(jobHref(j.client, j.jobId), j.jobId));
    cell(row, j.client);
    cell(row, j.workflowType.name + ' ' + j.workflowType.version);
    cell(row, time(j.closeTime));
  }
  $('#no-failures').hidden = failures.jobs.length > 0;
  const rolesBody = $('#roles tbody');
  rolesBody.replaceChildren();
  for (const role of roles) {
    const row = rolesBody.insertRow();
    cell(row, role.name);
    // A role that runs again shows its last error as history, not as its state.
    const running = role.state === 'RUNNING' || role.state === 'PAUSED';
    cell(row, role.state + (role.lastError && !running ? ' (' + role.lastError + ')' : ''), 'st-' + role.state);
    const details = cell(row, Object.entries(role.details || {}).map(([k, v]) => k + ': ' + v).join('; '));
    if (role.lastError && running) details.appendChild(text('div', 'last error: ' + role.lastError, 'hint'));
  }
}

function jobHref(client, jobId) {
  return '#/job/' + encodeURIComponent(client || '') + '/' + encodeURIComponent(jobId);
}

// --- jobs ------------------------------------------------------------------------------------------------------------

const FILTERS = ['client', 'jobId', 'status', 'workflow', 'startedAfter'];

function fillFilter(params) {
  const form = $('#job-filter');
  for (const name of FILTERS) {
    let value = params.get(name) || '';
    if (name === 'startedAfter' && value) value = value.replace(/Z$/, '').slice(0, 16);
    form.elements[name].value = value;
  }
}

function filterQuery() {
  const params = new URLSearchParams();
  const form = $('#job-filter');
  for (const name of FILTERS) {
    let value = form.elements[name].value.trim();
    if (name === 'startedAfter' && value) value = new Date(value).toISOString();
    if (value) params.set(name, value);
  }
  return params;
}

function applyFilter(event) {
  event.preventDefault();
  const query = filterQuery().toString();
  const target = '#/jobs' + (query ? '?' + query : '');
  if (location.hash === target) route(); else location.hash = target;
}

async function jobs(more) {
  const params = filterQuery();
  params.set('pageSize', '25');
  if (more && state.jobsToken) params.set('nextPageToken', state.jobsToken);
  const page = await api('jobs?' + params.toString());
  const body = $('#jobs tbody');
  if (!more) body.replaceChildren();
  for (const j of page.jobs) {
    const row = body.insertRow();
    row.dataset.job = j.jobId;
    cell(row, link(jobHref(j.client, j.jobId), j.jobId));
    cell(row, j.client);
    cell(row, j.workflowType.name + ' ' + j.workflowType.version);
    cell(row, j.status + (j.cancelRequested && j.status === 'OPEN' ? ' (cancel requested)' : ''), 'status st-' + j.status);
    cell(row, time(j.startTime));
    cell(row, time(j.closeTime));
  }
  state.jobsToken = page.nextPageToken;
  $('#more-jobs').hidden = !page.nextPageToken;
  $('#no-jobs').hidden = body.rows.length > 0;
}

async function moreJobs() {
  stopRefresh();
  try { await jobs(true); } catch (e) { notice(e.message, true); }
}

// --- one job ---------------------------------------------------------------------------------------------------------

async function job(current) {
  const path = 'jobs/' + encodeURIComponent(current.client) + '/' + encodeURIComponent(current.jobId);
  const history = $('#history-box').open;
  const detail = await api(path + (history ? '' : '?history=false'));
  const j = detail.job;
  $('#job-id').textContent = j.jobId;
  const status = $('#job-status');
  status.textContent = j.status + (j.cancelRequested && j.status === 'OPEN' ? ' (cancel requested)' : '');
  status.className = 'status st-' + j.status;
  $('#job-client').textContent = 'client ' + detail.client;
  $('#job-workflow').textContent = j.workflowType.name + ' ' + j.workflowType.version;
  $('#job-started').textContent = time(j.startTime);
  $('#job-closed').textContent = j.closeTime ? '· closed ' + time(j.closeTime) : '';
  const percent = (j.progress && j.progress.percent) || 0;
  $('#job-progress').style.width = percent + '%';
  $('#job-percent').textContent = percent + '%';
  const open = j.status === 'OPEN';
  const operator = state.me && state.me.operator;
  $('#job-cancel').hidden = !operator || !open || j.cancelRequested;
  $('#job-terminate').hidden = !operator || !open;
  $('#job-retry').hidden = !operator || open || j.status === 'COMPLETED';
  drawGraph(detail.graph, j.steps || []);
  const outcome = $('#job-outcome');
  if (j.result !== undefined && j.result !== null) {
    $('#job-outcome-title').textContent = 'Result';
    $('#job-outcome-body').textContent = JSON.stringify(j.result, null, 2);
    outcome.hidden = false;
  } else if (j.failure) {
    $('#job-outcome-title').textContent = 'Failure';
    $('#job-outcome-body').textContent = JSON.stringify(j.failure, null, 2);
    outcome.hidden = false;
  } else {
    outcome.hidden = true;
  }
  if (history && detail.history) {
    const body = $('#history tbody');
    body.replaceChildren();
    for (const event of detail.history) {
      const row = body.insertRow();
      cell(row, event.eventId);
      cell(row, time(event.eventTimestamp));
      cell(row, event.eventType);
    }
  }
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, parent) {
  const element = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
  if (parent) parent.appendChild(element);
  return element;
}

// The plan's stages left to right, each stage's steps top to bottom; an edge per requirement, labeled when it waits
// for another status than success. Each step shows its status and a progress bar.
function drawGraph(graph, steps) {
  const box = $('#graph');
  box.replaceChildren();
  const byName = new Map(steps.map((s) => [s.activityId, s]));
  if (!graph) {
    box.appendChild(text('p', 'This server does not have the plan; its steps:', 'hint'));
    const list = document.createElement('ul');
    for (const s of steps) list.appendChild(text('li', s.activityId + ': ' + s.status));
    box.appendChild(list);
    return;
  }
  const W = 190, H = 64, GX = 70, GY = 22, PAD = 10;
  const position = new Map();
  graph.stages.forEach((stage, x) => stage.forEach((name, y) => position.set(name, { x: PAD + x * (W + GX), y: PAD + y * (H + GY) })));
  const rows = Math.max(1, ...graph.stages.map((s) => s.length));
  const width = PAD * 2 + graph.stages.length * (W + GX) - GX;
  const height = PAD * 2 + rows * (H + GY) - GY;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'step graph' }, box);
  const defs = svg('defs', {}, root);
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto' }, defs);
  svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }, marker);
  for (const edge of graph.edges) {
    const from = position.get(edge.from), to = position.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x, y2 = to.y + H / 2;
    svg('path', { d: `M${x1},${y1} C${x1 + GX / 2},${y1} ${x2 - GX / 2},${y2} ${x2},${y2}`, class: 'edge edge-' + edge.status, 'marker-end': 'url(#arrow)' }, root);
    if (edge.status && edge.status !== 'succeeded' && edge.status !== 'completed') {
      const label = svg('text', { x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, class: 'edge-label' }, root);
      label.textContent = edge.status;
    }
  }
  for (const node of graph.steps) {
    const p = position.get(node.name);
    if (!p) continue;
    const step = byName.get(node.name);
    const status = step ? step.status : 'WAITING';
    const percent = stepPercent(step);
    const g = svg('g', { class: 'step st-' + status, 'data-step': node.name, 'data-status': status, 'data-percent': percent, transform: `translate(${p.x},${p.y})` }, root);
    svg('rect', { width: W, height: H, rx: 6, class: 'step-box' }, g);
    const name = svg('text', { x: 10, y: 20, class: 'step-name' }, g);
    name.textContent = node.name;
    const detail = svg('text', { x: 10, y: 38, class: 'step-status' }, g);
    detail.textContent = status + (step && step.attempts > 1 ? ' · attempt ' + step.attempts : '') + ' · ' + node.activity;
    svg('rect', { x: 10, y: 46, width: W - 20, height: 8, rx: 3, class: 'step-bar' }, g);
    svg('rect', { x: 10, y: 46, width: ((W - 20) * percent) / 100, height: 8, rx: 3, class: 'step-fill' }, g);
    const title = svg('title', {}, g);
    title.textContent = node.name + ': ' + status + ' ' + percent + '%' + (step && step.reason ? ' — ' + step.reason : '');
  }
}

function stepPercent(step) {
  if (!step) return 0;
  if (step.status === 'SUCCEEDED' || step.status === 'COMPLETED') return 100;
  if (step.progress && typeof step.progress.percent === 'number') return Math.max(0, Math.min(100, step.progress.percent));
  return 0;
}

async function act(action, confirmText) {
  const current = state.route;
  if (confirmText && !window.confirm(confirmText)) return;
  const path = 'jobs/' + encodeURIComponent(current.client) + '/' + encodeURIComponent(current.jobId) + '/' + action;
  try {
    await api(path, { method: 'POST', body: action === 'terminate' ? JSON.stringify({ reason: 'terminated from the console' }) : '' });
    notice(action === 'retry' ? 'Retry started.' : action === 'cancel' ? 'Cancel requested.' : 'Terminated.');
  } catch (e) {
    if (e.status !== 401) notice(e.message, true);
  }
  stopRefresh();
  refresh();
}

// --- workers ---------------------------------------------------------------------------------------------------------

const PAUSABLE = ['input-poller', 'decider', 'activity-poller'];

async function workers() {
  const w = await api('workers');
  $('#worker-server').textContent = w.server;
  $('#worker-running').textContent = w.runningTasks;
  const roles = $('#worker-roles tbody');
  roles.replaceChildren();
  for (const r of w.states) {
    const row = roles.insertRow();
    row.dataset.role = r.role;
    cell(row, r.role);
    cell(row, r.state, 'st-' + r.state);
    cell(row, time(r.lastProgress));
    const actions = cell(row, '');
    if (state.me.operator && PAUSABLE.includes(r.role)) {
      const paused = r.state === 'PAUSED';
      const button = text('button', paused ? 'Resume' : 'Pause', 'role-action');
      button.type = 'button';
      button.addEventListener('click', () => pauseOrResume(r.role, paused ? 'resume' : 'pause'));
      actions.appendChild(button);
    }
  }
  const lists = $('#task-lists tbody');
  lists.replaceChildren();
  for (const t of w.taskLists || []) {
    const row = lists.insertRow();
    row.dataset.taskList = t.taskList;
    cell(row, t.taskList);
    cell(row, (t.types || []).join(', '));
    cell(row, t.slots);
    cell(row, t.inUse);
    cell(row, t.free);
    cell(row, t.running);
    cell(row, time(t.lastSuccessfulPoll));
  }
  $('#no-task-lists').hidden = (w.taskLists || []).length > 0;
}

async function pauseOrResume(role, action) {
  try {
    await api('roles/' + encodeURIComponent(role) + '/' + action, { method: 'POST', body: '' });
  } catch (e) {
    if (e.status !== 401) notice(e.message, true);
  }
  stopRefresh();
  refresh();
}

// --- wiring ----------------------------------------------------------------------------------------------------------

$('#login').addEventListener('submit', logIn);
$('#logout').addEventListener('click', logOut);
$('#job-filter').addEventListener('submit', applyFilter);
$('#more-jobs').addEventListener('click', moreJobs);
$('#job-cancel').addEventListener('click', () => act('cancel', 'Cancel this job?'));
$('#job-terminate').addEventListener('click', () => act('terminate', 'Terminate this job now, without cleanup?'));
$('#job-retry').addEventListener('click', () => act('retry'));
$('#history-box').addEventListener('toggle', () => { if (state.route && state.route.page === 'job') { stopRefresh(); refresh(); } });
window.addEventListener('hashchange', route);
route();
