/**
 * Browser code (a plain string, sent inline): form generation from a JSON Schema. `variantsOf`
 * splits a union (`anyOf`/`oneOf`, e.g. a valibot `variant`) into choices named by their `type`
 * constant; `buildField` renders object, string, number, integer, boolean, enum and const parts
 * as inputs and anything else as a JSON text box; each field's `read()` returns its value.
 */
export const formScript = `
function variantsOf(schema) {
  if (!schema) return [{ label: 'any JSON', schema: {} }]
  const list = schema.anyOf || schema.oneOf
  if (!list) return [{ label: labelOf(schema, 0), schema: schema }]
  return list.map(function (s, i) { return { label: labelOf(s, i), schema: s } })
}
function labelOf(schema, i) {
  const type = schema && schema.properties && schema.properties.type
  return type && type.const !== undefined ? String(type.const) : 'variant ' + (i + 1)
}
function el(tag, attrs, children) {
  const node = document.createElement(tag)
  for (const key in attrs || {}) node.setAttribute(key, attrs[key])
  for (const child of children || []) node.append(child)
  return node
}
function buildField(schema, name) {
  schema = schema || {}
  if (schema.const !== undefined) {
    return { el: el('code', { 'data-name': name }, [JSON.stringify(schema.const)]), read: function () { return schema.const } }
  }
  if (Array.isArray(schema.enum)) {
    const select = el('select', { name: name }, schema.enum.map(function (v) { return el('option', { value: JSON.stringify(v) }, [String(v)]) }))
    return { el: select, read: function () { return JSON.parse(select.value) } }
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
  if (type === 'object' && schema.properties) {
    const required = new Set(schema.required || [])
    const parts = Object.keys(schema.properties).map(function (key) {
      const field = buildField(schema.properties[key], name ? name + '.' + key : key)
      const label = el('label', {}, [el('span', {}, [key + (required.has(key) ? ' *' : '')]), field.el])
      return { key: key, field: field, label: label, required: required.has(key) }
    })
    return {
      el: el('div', { class: 'object' }, parts.map(function (p) { return p.label })),
      read: function () {
        const value = {}
        for (const p of parts) {
          const v = p.field.read()
          if (p.required || (v !== '' && v !== undefined)) value[p.key] = v
        }
        return value
      },
    }
  }
  if (type === 'string') {
    const input = el('input', { name: name, type: 'text' })
    return { el: input, read: function () { return input.value } }
  }
  if (type === 'number' || type === 'integer') {
    const input = el('input', { name: name, type: 'number', step: type === 'integer' ? '1' : 'any' })
    return { el: input, read: function () { return input.value === '' ? undefined : Number(input.value) } }
  }
  if (type === 'boolean') {
    const input = el('input', { name: name, type: 'checkbox' })
    return { el: input, read: function () { return input.checked } }
  }
  const area = el('textarea', { name: name, rows: '2', 'data-json': '' })
  area.value = type === 'array' ? '[]' : type === 'object' ? '{}' : 'null'
  return { el: area, read: function () { return JSON.parse(area.value) } }
}
`
