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

// Casework upload: send the form with XMLHttpRequest to show how much of the files has been sent, then go where the
// server sends the browser (the status page, or the form again with its errors). Without JavaScript the form posts.
document.querySelectorAll('form[data-module="sl-casework-upload"]').forEach((form) => {
  const box = form.querySelector('[data-qa="upload-progress"]')
  const bar = box?.querySelector('progress')
  const text = box?.querySelector('[data-qa="upload-progress-text"]')
  form.addEventListener('submit', (event) => {
    if (!box || !window.FormData || !window.XMLHttpRequest) return
    event.preventDefault()
    const button = form.querySelector('button')
    if (button) button.disabled = true
    box.hidden = false
    const xhr = new XMLHttpRequest()
    xhr.open('POST', form.action)
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return
      const pct = Math.round((e.loaded / e.total) * 100)
      bar.value = pct
      text.textContent = `${pct}%`
    })
    xhr.addEventListener('load', () => {
      const to = new URL(xhr.responseURL || form.action)
      if (to.pathname !== new URL(form.action).pathname) return window.location.assign(to.href)
      // The form again with its errors: show the page already fetched (its one-off messages are spent).
      const page = new DOMParser().parseFromString(xhr.responseText, 'text/html')
      document.replaceChild(document.adoptNode(page.documentElement), document.documentElement)
      document.body.classList.add('js-enabled')
    })
    xhr.addEventListener('error', () => form.submit())
    xhr.send(new FormData(form))
  })
})
