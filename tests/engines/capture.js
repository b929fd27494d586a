// Test-only: injected by tests/engines/engine.mjs's server as the first script of every HTML page
// (a same-origin <script src>, so the pages' CSP allows it). It records what a WebDriver classic
// client cannot hear — console.error, uncaught errors, unhandled rejections, resources that failed
// to load, CSP violations — in window.__testCapture, which the tests read back.
(() => {
  const cap = { errors: [], csp: [] };
  window.__testCapture = cap;
  const text = (x) => (x instanceof Error ? `${x.name}: ${x.message}` : String(x));
  const consoleError = console.error;
  console.error = function (...args) {
    cap.errors.push(`console error: ${args.map(text).join(' ')}`);
    return consoleError.apply(this, args);
  };
  window.addEventListener(
    'error',
    (e) => {
      if (e.target && e.target !== window) cap.errors.push(`failed to load: ${e.target.src || e.target.href || e.target.localName}`);
      else cap.errors.push(`page error: ${e.message} (${e.filename}:${e.lineno})`);
    },
    true,
  );
  window.addEventListener('unhandledrejection', (e) => cap.errors.push(`unhandled rejection: ${text(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) => cap.csp.push(`${e.violatedDirective} ${e.sourceFile || e.blockedURI}`));
})();
