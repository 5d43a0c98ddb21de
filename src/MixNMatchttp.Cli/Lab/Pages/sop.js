import { blocked, error, finish, loggedIn, read, result, run, status, targetOrigin, withTimeout } from './lab.js';

/** The CORS answers the target is asked for, through its per-request origin and creds parameters. */
const answers = [
  ['echo + creds', 'origin=%7BECHO%7D&creds=1'],
  ['echo', 'origin=%7BECHO%7D&creds=0'],
  ['* + creds', 'origin=*&creds=1'],
  ['*', 'origin=*&creds=0'],
  ['none', 'origin=&creds=0'],
];

const text = '/secret/secret.txt';
const image = '/secret/secret.png';

/** Every way to read, each given a function that makes the URL of a secret for this cell. */
const methods = [
  ['XHR GET (withCredentials)', url => xhr('GET', url(text))],
  ['XHR POST JSON (withCredentials, preflighted)', url => xhr('POST', url(text), '{}')],
  ['fetch GET, credentials: include', url => fetchText(url(text), 'include')],
  ['fetch GET, credentials: same-origin', url => fetchText(url(text), 'same-origin')],
  ['fetch GET, credentials: omit', url => fetchText(url(text), 'omit')],
  ['iframe', url => frame('iframe', url(text))],
  ['object', url => frame('object', url(text))],
  ['img → canvas', url => picture(url(image), null, false)],
  ['img crossorigin=use-credentials → canvas', url => picture(url(image), 'use-credentials', false)],
  ['img → ImageBitmap → canvas', url => picture(url(image), null, true)],
  ['img crossorigin=use-credentials → ImageBitmap → canvas', url => picture(url(image), 'use-credentials', true)],
];

function answered(status, body) {
  return status === 200 ? read(body.trim().slice(0, 60)) : error(`HTTP ${status}`);
}

function xhr(method, url, body) {
  return new Promise(resolve => {
    const request = new XMLHttpRequest();
    request.open(method, url);
    request.withCredentials = true;
    if (body) {
      request.setRequestHeader('Content-Type', 'application/json');
    }
    request.onload = () => resolve(answered(request.status, request.responseText));
    request.onerror = () => resolve(blocked('XHR error event: no readable answer (CORS refused)'));
    request.send(body ?? null);
  });
}

async function fetchText(url, credentials) {
  try {
    const response = await fetch(url, { credentials, cache: 'no-store' });
    return answered(response.status, await response.text());
  } catch (e) {
    return blocked(`${e.name}: ${e.message}`);
  }
}

function frame(tag, url) {
  return new Promise(resolve => {
    const element = document.createElement(tag);
    element.className = 'probe';
    const done = outcome => {
      element.remove();
      resolve(outcome);
    };
    element.addEventListener('load', () => {
      try {
        const page = element.contentDocument;
        done(page ? read(page.body?.textContent.trim().slice(0, 60)) : blocked('contentDocument is null: another origin'));
      } catch (e) {
        done(blocked(`${e.name}: ${e.message}`));
      }
    });
    element.addEventListener('error', () => done(error('did not load')));
    if (tag === 'iframe') {
      element.src = url;
    } else {
      element.type = 'text/plain';
      element.data = url;
    }
    document.getElementById('probes').append(element);
  });
}

function picture(url, crossOrigin, bitmap) {
  return new Promise(resolve => {
    const img = new Image();
    if (crossOrigin) {
      img.crossOrigin = crossOrigin;
    }
    img.onload = async () => {
      try {
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const context = canvas.getContext('2d');
        context.drawImage(bitmap ? await createImageBitmap(img) : img, 0, 0);
        const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
        resolve(read(`${img.naturalWidth}x${img.naturalHeight}, first pixel rgba(${r}, ${g}, ${b}, ${a})`));
      } catch (e) {
        resolve(blocked(`${e.name}: ${e.message}`));
      }
    };
    img.onerror = () => resolve(error('the image did not load (refused, or not an image)'));
    img.src = url;
  });
}

async function matrix(target) {
  status(`Reading ${target}'s secrets (run ${run})…`);
  const table = result('sop', target, answers.map(([name]) => name));
  let probe = 0;
  table.rows = await Promise.all(methods.map(async ([name, attempt]) => ({
    name,
    cells: await Promise.all(answers.map(([, query]) => {
      const n = ++probe;
      return withTimeout(attempt(path => `${target}${path}?${query}&n=${n}&lab-run=${run}`));
    })),
  })));
  await finish(table);
}

const target = await targetOrigin();
document.getElementById('about').textContent = `This page: ${location.origin}. Target: ${target}.`;
document.getElementById('rerun').onclick = () => matrix(target);
if (loggedIn(target)) {
  await matrix(target);
}
