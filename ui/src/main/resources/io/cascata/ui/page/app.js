'use strict';
// The status page: runs on the left; a run's families with counts per state; a family's tasks a
// page at a time; one task's state, error, Flink job link, attempts and log. Polls while a run is live.
(function () {
  const PAGE = 100;
  const view = { run: null, family: null, state: '', offset: 0, task: null, live: null };
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
    });
    children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return e;
  }

  async function get(path) {
    const r = await fetch(path, { cache: 'no-store' });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  }

  function q(params) {
    return Object.entries(params).map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
  }

  function took(ms) {
    return ms >= 1000 ? (ms / 1000).toFixed(1) + ' s' : ms + ' ms';
  }

  function stateSpan(state, cls) {
    return el('span', { class: 'state s-' + state + (cls ? ' ' + cls : '') }, state);
  }

  async function loadRuns() {
    const data = await get('/api/runs');
    view.live = data.live;
    $('source').textContent = data.history ? 'history: ' + data.history : '';
    const list = $('runs');
    list.replaceChildren(...data.runs.map((r) => {
      const li = el('li', { class: 'run' + (r.id === view.run ? ' chosen' : ''), 'data-run': r.id, title: r.commandLine },
        (r.face ? r.face + ' ' : '') + r.id);
      if (r.live) li.append(el('span', { class: 'live' }, r.end ? 'ended' : 'live'));
      li.onclick = () => choose({ run: r.id, family: null, task: null, offset: 0, state: '' });
      return li;
    }));
    if (!view.run && data.runs.length) choose({ run: data.runs[0].id });
  }

  async function loadRun() {
    if (!view.run) return;
    const data = await get('/api/run?' + q({ run: view.run }));
    const r = data.run;
    $('run-header').replaceChildren(
      el('h2', {}, 'Run ' + r.id + (r.live && !r.end ? ' (running)' : '')),
      el('p', {}, el('code', {}, r.commandLine)),
      el('p', {}, 'by ' + r.user + ' on ' + r.host + ', started ' + r.start + (r.end ? ', ended ' + r.end : '')),
      el('p', { id: 'verdict' }, r.end ? (r.face + ' ' + r.verdict + ' (exit code ' + r.exitCode + ')')
        : 'not ended' + (r.live ? '' : ' (still running elsewhere, or stopped)')));
    const p = data.progress;
    $('progress-box').hidden = false;
    $('progress-bar').style.width = (p.total ? 100 * p.settled / p.total : 0) + '%';
    $('progress').textContent = p.settled + ' of ' + p.total + ' tasks settled, ' + p.running + ' running';
    const select = $('state-filter');
    if (select.options.length === 1) data.states.forEach((s) => select.append(el('option', { value: s }, s)));
    $('families-title').hidden = false;
    $('families').hidden = false;
    $('families').tBodies[0].replaceChildren(...data.families.map((f) => {
      const counts = el('td', {});
      data.states.filter((s) => f.counts[s]).forEach((s) =>
        counts.append(el('span', { class: 'count', 'data-state': s }, stateSpan(s), ' ', el('span', { class: 'count-' + s }, f.counts[s]))));
      const tr = el('tr', { class: 'family', 'data-family': f.family }, el('td', {}, f.family), el('td', { class: 'total' }, f.total), counts);
      tr.onclick = () => choose({ family: f.family, offset: 0, task: null });
      return tr;
    }));
    return r;
  }

  async function loadTasks() {
    $('family-box').hidden = !view.family;
    if (!view.family) return;
    const data = await get('/api/tasks?' + q({ run: view.run, family: view.family, state: view.state, offset: view.offset, limit: PAGE }));
    $('family-title').textContent = view.family + ' (' + data.total + (view.state ? ' ' + view.state : '') + ')';
    $('tasks').tBodies[0].replaceChildren(...data.tasks.map((t) => {
      const tr = el('tr', { class: 'task', 'data-task': t.id }, el('td', {}, t.display), el('td', {}, stateSpan(t.state)),
        el('td', {}, t.attempts), el('td', {}, t.attempts ? took(t.millis) : '-'));
      tr.onclick = () => choose({ task: t.id });
      return tr;
    }));
    const last = Math.min(data.total, data.offset + PAGE);
    $('page').textContent = (data.total ? data.offset + 1 : 0) + '–' + last + ' of ' + data.total;
    $('prev').disabled = data.offset === 0;
    $('next').disabled = last >= data.total;
  }

  async function loadTask() {
    $('task-box').hidden = !view.task;
    if (!view.task) return;
    const t = await get('/api/task?' + q({ run: view.run, task: view.task }));
    $('task-title').textContent = t.display;
    $('task-state').className = 'state s-' + t.state;
    $('task-state').textContent = t.state;
    $('task-attempts').textContent = t.attempts;
    $('task-took').textContent = t.attempts ? took(t.millis) : '-';
    const flink = t.details['flink-ui'];
    $('flink').hidden = !flink;
    if (flink) {
      $('flink-link').href = flink;
      $('flink-link').textContent = t.details['flink-job-id'] || flink;
    }
    $('error-box').hidden = !t.error;
    $('task-error').textContent = t.error || '';
    $('task-details').replaceChildren(...Object.entries(t.details).map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, v))));
    $('task-attempts-table').tBodies[0].replaceChildren(...t.attemptList.map((a) => el('tr', {},
      el('td', {}, '#' + a.attempt), el('td', {}, new Date(a.start).toISOString()), el('td', {}, took(a.millis)),
      el('td', {}, a.ok ? 'ok' : 'failed: ' + a.error))));
    $('task-log').textContent = t.log === null ? 'none recorded' : t.log;
  }

  let busy = false;
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      await loadRuns();
      const r = await loadRun();
      await loadTasks();
      await loadTask();
      return r;
    } catch (e) {
      $('run-header').prepend(el('p', { class: 'error' }, String(e.message || e)));
    } finally {
      busy = false;
    }
  }

  function choose(change) {
    Object.assign(view, change);
    const h = q(Object.fromEntries(Object.entries({ run: view.run, family: view.family, state: view.state, offset: view.offset, task: view.task })
      .filter(([, v]) => v !== null && v !== '' && v !== 0)));
    if (location.hash.slice(1) !== h) history.replaceState(null, '', '#' + h);
    refresh();
  }

  function fromHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    view.run = p.get('run'); view.family = p.get('family'); view.task = p.get('task');
    view.state = p.get('state') || ''; view.offset = Number(p.get('offset') || 0);
    $('state-filter').value = view.state;
  }

  $('prev').onclick = () => choose({ offset: Math.max(0, view.offset - PAGE) });
  $('next').onclick = () => choose({ offset: view.offset + PAGE });
  $('state-filter').onchange = (e) => choose({ state: e.target.value, offset: 0 });
  fromHash();
  refresh();
  // Only a live run changes; a past run is read once.
  setInterval(() => { if (view.live && view.run === view.live) refresh(); else if (view.live) loadRuns(); }, 1000);
})();
