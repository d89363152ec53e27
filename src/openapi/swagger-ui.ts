import type { INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { FixedDocumentStore } from './fixed-document.store';

/**
 * Swagger UI's start-up, replacing the one @nestjs/swagger writes (it shows the fixed document
 * only). The page offers the fixed document, and once the Authorize dialog holds credentials and
 * is closed, "All services" and each service's document as listed by
 * `GET /api/v2/api_docs?as_list=true`. Those documents need credentials, so spec downloads carry
 * the authorized values (requestInterceptor; swagger-ui marks them `loadSpec`); nothing about the
 * services is fetched or shown without them. Authorizations persist in localStorage, as before.
 * Plain ES5 in a string: it runs in the browser as written, untouched by the TypeScript build.
 */
export const SWAGGER_UI_SCRIPT = `
window.onload = function () {
  var FIXED = { url: '/api/docs-json', name: 'Instant SQL REST API' };
  var HEADERS = { ApiKeyHeader: 'X-DreamFactory-API-Key', SessionTokenHeader: 'X-DreamFactory-Session-Token' };
  var QUERY = { ApiKeyQuery: 'api_key', SessionTokenQuery: 'session_token' };
  var shown = '';

  function authorized() {
    try {
      return window.ui ? window.ui.authSelectors.authorized().toJS() : JSON.parse(localStorage.getItem('authorized') || '{}');
    } catch (e) {
      return {};
    }
  }

  function credentials() {
    var auth = authorized() || {}, headers = {}, query = [];
    Object.keys(auth).forEach(function (name) {
      var value = auth[name] && auth[name].value;
      if (!value) return;
      if (HEADERS[name]) headers[HEADERS[name]] = value;
      else if (QUERY[name]) query.push(QUERY[name] + '=' + encodeURIComponent(value));
      else if (name === 'BearerAuth') headers.Authorization = 'Bearer ' + value;
    });
    return { headers: headers, query: query, any: query.length > 0 || Object.keys(headers).length > 0 };
  }

  function withQuery(url, query) {
    return query.length ? url + (url.indexOf('?') < 0 ? '?' : '&') + query.join('&') : url;
  }

  // Credentials go only to this server's generated documents, never to another origin.
  function isServiceDoc(url) {
    try {
      var target = new URL(url, window.location.href);
      return target.origin === window.location.origin && target.pathname.indexOf('/api/v2/') === 0;
    } catch (e) {
      return false;
    }
  }

  function withCredentials(req) {
    if (!req.loadSpec || !isServiceDoc(req.url)) return req;
    var c = credentials();
    Object.keys(c.headers).forEach(function (name) { req.headers[name] = c.headers[name]; });
    req.url = withQuery(req.url, c.query);
    return req;
  }

  function serviceUrls() {
    var c = credentials();
    if (!c.any) return Promise.resolve([]);
    return fetch(withQuery('/api/v2/api_docs?as_list=true', c.query), { headers: Object.assign({ Accept: 'application/json' }, c.headers) })
      .then(function (res) { return res.ok ? res.json() : { resource: [] }; })
      .then(function (body) {
        var names = body.resource || [];
        if (!names.length) return [];
        return [{ url: '/api/v2/api_docs', name: 'All services' }].concat(names.map(function (name) {
          return { url: '/api/v2/api_docs/' + encodeURIComponent(name), name: name };
        }));
      }, function () { return []; });
  }

  function render(urls) {
    var key = JSON.stringify(urls);
    if (key === shown) return;
    shown = key;
    var old = document.getElementById('swagger-ui');
    var fresh = document.createElement('div');
    fresh.id = 'swagger-ui';
    old.parentNode.replaceChild(fresh, old);
    window.ui = SwaggerUIBundle({
      urls: urls,
      dom_id: '#swagger-ui',
      deepLinking: true,
      persistAuthorization: true,
      requestInterceptor: withCredentials,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      plugins: [SwaggerUIBundle.plugins.DownloadUrl, RefreshOnAuthorize],
      layout: 'StandaloneLayout'
    });
  }

  function refresh() {
    return serviceUrls().then(function (services) { render([FIXED].concat(services)); });
  }

  // Closing the Authorize dialog (showDefinitions(false)) re-reads the list of documents.
  function RefreshOnAuthorize() {
    return { statePlugins: { auth: { wrapActions: {
      showDefinitions: function (original) {
        return function (shownDefinitions) {
          var result = original(shownDefinitions);
          if (shownDefinitions === false) setTimeout(refresh, 0);
          return result;
        };
      }
    } } } };
  }

  window.refreshServiceDocs = refresh;
  refresh();
};
`;

/**
 * `/api/docs` (Swagger UI, when `serveUi`) and `/api/docs-json` (API.md 7.1). The document is also
 * kept for `api_docs/{system,user,api_docs}`, which serve parts of it.
 */
export function setupSwagger(app: INestApplication, build: () => OpenAPIObject, serveUi: boolean): void {
  const store = app.get(FixedDocumentStore);
  store.setBuilder(build);
  SwaggerModule.setup('api/docs', app, () => store.document!, {
    ui: serveUi,
    raw: ['json'],
    jsonDocumentUrl: 'api/docs-json',
    swaggerOptions: { persistAuthorization: true },
    customSiteTitle: 'Instant SQL REST API',
    // Shows the top bar's document selector (hidden by default).
    explorer: true,
    customJsStr: SWAGGER_UI_SCRIPT,
  });
}
