// The playground page's own script, served as is by gateway/playground.ts (no build step).
// It renders GraphiQL, loaded just before it with React from the npm packages' browser
// bundles, against this gateway. Keys typed into the header editor are never stored.
(function () {
  'use strict';
  const config = JSON.parse(document.getElementById('playground-config').textContent);
  const CREDENTIAL_HEADERS = ['x-api-key', 'authorization'];

  /** The header editor's JSON, or null while it is not valid JSON. */
  function parseHeaders(text) {
    try {
      const headers = JSON.parse(text || '{}');
      return headers && typeof headers === 'object' && !Array.isArray(headers) ? headers : null;
    } catch {
      return null;
    }
  }

  // The editor offers empty placeholders; an empty x-api-key would be refused as a
  // malformed credential even for createSession, so empty headers are not sent at all.
  function withoutEmptyHeaders(headers) {
    const kept = {};
    for (const [name, value] of Object.entries(headers || {})) {
      if (value !== undefined && value !== null && String(value).trim() !== '') kept[name] = String(value);
    }
    return kept;
  }

  /** What identifies the caller: the credential and the workspace; '' without a credential. */
  function credentialOf(headers) {
    const lowerCased = {};
    for (const [name, value] of Object.entries(withoutEmptyHeaders(headers))) lowerCased[name.toLowerCase()] = value;
    const credentials = CREDENTIAL_HEADERS.map((name) => lowerCased[name] || '');
    if (credentials.every((value) => value === '')) return '';
    return JSON.stringify([...credentials, lowerCased[config.workspaceHeader] || '']);
  }

  const sendOperation = GraphiQL.createFetcher({ url: new URL(config.endpoint, window.location.href).toString() });
  const createFetcher = () => (params, options) => sendOperation(params, { ...options, headers: withoutEmptyHeaders(options && options.headers) });

  function Playground() {
    const [credential, setCredential] = React.useState(() => credentialOf(parseHeaders(config.defaultHeaders)));
    // A new fetcher makes GraphiQL ask for the schema again, with the headers then in the
    // editor: docs and autocompletion follow the key that was typed in.
    const fetcher = React.useMemo(() => createFetcher(), [credential]);
    const pending = React.useRef(undefined);
    const onEditHeaders = React.useCallback((text) => {
      clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        const headers = parseHeaders(text);
        if (headers) setCredential(credentialOf(headers));
      }, 400);
    }, []);
    return React.createElement(GraphiQL, {
      fetcher,
      // null: do not introspect (no credential yet, or introspection is off); undefined: do.
      schema: config.introspection && credential ? undefined : null,
      defaultQuery: config.defaultQuery,
      defaultHeaders: config.defaultHeaders,
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: false,
      onEditHeaders,
    });
  }

  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(Playground));
})();
