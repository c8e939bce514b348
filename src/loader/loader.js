/*
 * Parley's classic-script loader: `<script src=".../parley.loader.js"></script>`.
 * It loads the code-split ESM build beside it (cdn/parley.js), so a page downloads only the
 * elements and the one protocol it uses. `window.Parley.ready` resolves with the module;
 * `Parley.mount({...})` works before it has loaded. Plain ES2020, no eval, CSP-safe.
 */
(function () {
  var script = document.currentScript;
  var base = script && script.src ? script.src : document.baseURI;
  var ready = import(new URL('./cdn/parley.js', base).href);
  window.Parley = {
    ready: ready,
    mount: function (options) {
      return ready.then(function (m) { return m.mount(options); });
    },
  };
})();
