// Behaves like the Kubeflow Angular SPAs: API paths relative to <base href>, the XSRF-TOKEN cookie
// read from document.cookie and echoed in X-XSRF-TOKEN on state-changing calls.
function cookie(name) {
  const match = document.cookie.split('; ').find((part) => part.startsWith(name + '='));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}
const namespace = new URLSearchParams(location.search).get('ns') || 'kubeflow-user';
document.getElementById('base').textContent = document.querySelector('base').getAttribute('href');
document.getElementById('route').textContent = location.pathname;

async function loadList() {
  const res = await fetch(`api/namespaces/${namespace}/poddefaults`, { credentials: 'same-origin' });
  const body = await res.json();
  document.getElementById('list').textContent = res.ok
    ? `${body.poddefaults.length} items`
    : `error ${body.log}`;
}

document.getElementById('create-button').addEventListener('click', async () => {
  const headers = { 'content-type': 'application/json' };
  const token = cookie('XSRF-TOKEN');
  if (token && !window.omitCsrfHeader) headers['X-XSRF-TOKEN'] = token;
  const res = await fetch(`api/namespaces/${namespace}/pods`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ name: 'from-the-page' }),
  });
  const body = await res.json();
  document.getElementById('create').textContent = res.ok ? body.message : `error ${res.status}: ${body.log}`;
});
document.getElementById('reload-list').addEventListener('click', loadList);
loadList();
