/**
 * Browser code (a plain string, sent inline): the page's connection to the inspector route, the
 * live tables, the filtered log, the send form and the recorder's buttons.
 */
export const appScript = `
const state = { routes: {}, snapshot: { connections: [], topics: [] }, log: [], target: '', form: null, recording: false }
const $ = function (id) { return document.getElementById(id) }
const token = new URLSearchParams(location.search).get('token')
const socketUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + CONFIG.socketPath + (token ? '?token=' + encodeURIComponent(token) : '')
let socket
function connect() {
  socket = new WebSocket(socketUrl)
  socket.onopen = function () { $('status').dataset.state = 'open'; $('status').textContent = 'live' }
  socket.onclose = function () { $('status').dataset.state = 'closed'; $('status').textContent = 'disconnected'; setTimeout(connect, 1000) }
  socket.onmessage = function (event) { receive(JSON.parse(event.data)) }
}
function receive(message) {
  if (message.type === 'hello') {
    state.routes = message.routes
    state.log = message.log
    $('filter-route').replaceChildren(el('option', { value: '' }, ['all routes']))
    for (const name of Object.keys(state.routes)) $('filter-route').append(el('option', { value: name }, [name]))
    renderLog()
  } else if (message.type === 'snapshot') {
    state.snapshot = message
    state.recording = message.recording
    renderLive()
  } else if (message.type === 'log') {
    state.log = state.log.concat(message.entries).slice(-1000)
    renderLog()
  } else if (message.type === 'result') {
    $('result').textContent = message.message
    $('result').dataset.ok = String(message.ok)
  } else if (message.type === 'exported') {
    $('export-section').hidden = false
    $('exported').value = message.code
    $('download').href = URL.createObjectURL(new Blob([message.code], { type: 'text/plain' }))
  }
}
const short = function (id) { return id ? String(id).slice(0, 8) : '' }
function userText(user) {
  if (user === undefined || user === null) return ''
  if (typeof user === 'object' && typeof user.name === 'string') return user.name
  return typeof user === 'string' ? user : JSON.stringify(user)
}
function renderLive() {
  const connections = state.snapshot.connections
  $('connection-count').textContent = '(' + connections.length + ')'
  $('connections').tBodies[0].replaceChildren.apply($('connections').tBodies[0], connections.map(function (c) {
    const row = el('tr', { 'data-id': c.id, title: c.id }, [c.id, c.route, userText(c.user), c.ip, c.topics.join(', '), String(c.bufferedAmount)].map(function (text) { return el('td', {}, [text]) }))
    if (state.target === 'conn:' + c.id) row.className = 'selected'
    row.onclick = function () { selectTarget('conn:' + c.id) }
    return row
  }))
  $('topics').replaceChildren.apply($('topics'), state.snapshot.topics.map(function (t) {
    const item = el('li', { 'data-topic': t.topic }, [el('code', {}, [t.topic]), ' ', el('span', { class: 'members' }, [t.members.length + ': ' + t.members.map(function (m) { return userText(m.user) || short(m.id) }).join(', ')])])
    item.onclick = function () { selectTarget('topic:' + t.topic) }
    return item
  }))
  $('record').textContent = state.recording ? 'Stop recording' : 'Record session'
  $('record').setAttribute('aria-pressed', String(state.recording))
  const options = connections.map(function (c) { return el('option', { value: 'conn:' + c.id }, ['connection ' + c.route + ' ' + userText(c.user) + ' ' + short(c.id)]) })
    .concat(state.snapshot.topics.map(function (t) { return el('option', { value: 'topic:' + t.topic }, ['topic ' + t.topic]) }))
  const keep = state.target
  $('target').replaceChildren.apply($('target'), options)
  if (keep && options.some(function (o) { return o.value === keep })) $('target').value = keep
  if ($('target').value !== keep) selectTarget($('target').value)
}
function schemaForTarget(target) {
  let route
  if (target.startsWith('conn:')) {
    const c = state.snapshot.connections.find(function (c) { return 'conn:' + c.id === target })
    route = c && c.route
  } else if (target.startsWith('topic:')) {
    const t = state.snapshot.topics.find(function (t) { return 'topic:' + t.topic === target })
    const member = t && t.members[0]
    const c = member && state.snapshot.connections.find(function (c) { return c.id === member.id })
    route = c && c.route
  }
  return route && state.routes[route] ? state.routes[route].server : undefined
}
function selectTarget(target) {
  const changed = target !== state.target
  state.target = target
  $('target').value = target
  for (const row of $('connections').tBodies[0].rows) row.className = 'conn:' + row.dataset.id === target ? 'selected' : ''
  if (!changed && state.form) return
  const variants = variantsOf(schemaForTarget(target))
  state.variants = variants
  $('variant').replaceChildren.apply($('variant'), variants.map(function (v, i) { return el('option', { value: String(i) }, [v.label]) }))
  renderForm()
}
function renderForm() {
  const variant = state.variants[Number($('variant').value) || 0]
  state.form = buildField(variant.schema, '')
  $('fields').replaceChildren(state.form.el)
}
$('target').onchange = function () { selectTarget($('target').value) }
$('variant').onchange = renderForm
$('raw-toggle').onchange = function () {
  const raw = $('raw-toggle').checked
  $('raw').hidden = !raw
  $('fields').hidden = raw
  if (raw) $('raw').value = JSON.stringify(state.form ? state.form.read() : null, null, 2)
}
$('send-form').onsubmit = function (event) {
  event.preventDefault()
  let data
  try { data = $('raw-toggle').checked ? JSON.parse($('raw').value) : state.form.read() } catch (error) {
    $('result').textContent = 'Not JSON: ' + error.message
    $('result').dataset.ok = 'false'
    return
  }
  const target = state.target
  if (target.startsWith('conn:')) socket.send(JSON.stringify({ type: 'send', connection: target.slice(5), data: data }))
  else if (target.startsWith('topic:')) socket.send(JSON.stringify({ type: 'publish', topic: target.slice(6), data: data }))
}
$('record').onclick = function () { socket.send(JSON.stringify({ type: 'record', on: !state.recording })) }
$('export').onclick = function () { socket.send(JSON.stringify({ type: 'export' })) }
for (const id of ['filter-route', 'filter-direction', 'filter-connection', 'filter-type']) $(id).oninput = renderLog
function renderLog() {
  const route = $('filter-route').value, kind = $('filter-direction').value
  const conn = $('filter-connection').value.trim(), type = $('filter-type').value.trim()
  const shown = state.log.filter(function (e) {
    return (!route || e.route === route) && (!kind || e.kind === kind) && (!conn || (e.connection || '').indexOf(conn) === 0) && (!type || e.type === type)
  })
  const body = $('log').tBodies[0]
  const atBottom = body.scrollTop + body.clientHeight >= body.scrollHeight - 4
  body.replaceChildren.apply(body, shown.slice(-500).map(function (e) {
    const detail = e.data !== undefined ? e.data : e.url !== undefined ? e.url : e.code !== undefined ? e.code + ' ' + (e.reason || '') : ''
    const topics = e.topics ? '→ ' + e.topics.join(', ') + ' ' : ''
    return el('tr', { class: e.kind, 'data-seq': String(e.seq) }, [
      el('td', {}, [new Date(e.at).toLocaleTimeString()]), el('td', {}, [e.kind]), el('td', {}, [e.route || '']),
      el('td', { title: e.connection || '' }, [short(e.connection)]), el('td', {}, [e.type || '']), el('td', { class: 'data' }, [topics + detail]),
    ])
  }))
  if (atBottom) body.scrollTop = body.scrollHeight
}
connect()
`
