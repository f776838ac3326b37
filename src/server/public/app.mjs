// Progressive enhancement only: every page works without this file.
import { initAll } from '/public/govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled')
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported')
initAll()

// Sortable tables (MoJ pattern): the MoJ bundle attaches itself to window.MOJFrontend.
const moj = window.MOJFrontend
if (moj?.SortableTable) {
  document.querySelectorAll('[data-module="moj-sortable-table"]').forEach((el) => new moj.SortableTable(el))
}

// Filter rows of a table by the text typed into a search box (data-filter-table="#id").
document.querySelectorAll('[data-filter-table]').forEach((input) => {
  const table = document.querySelector(input.getAttribute('data-filter-table'))
  if (!table) return
  input.addEventListener('input', () => {
    const q = input.value.trim().toLowerCase()
    table.querySelectorAll('tbody tr').forEach((tr) => {
      tr.hidden = q !== '' && !tr.textContent.toLowerCase().includes(q)
    })
  })
})
