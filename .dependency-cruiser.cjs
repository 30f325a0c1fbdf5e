// The architecture's invariants (docs/ARCHITECTURE.md), checked on every `npm test`: an import that
// points the wrong way fails the run with the rule it breaks.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'The core knows nothing of the CLI, the language server, the extension, LSP or VS Code.',
      severity: 'error',
      from: { path: '^server/src/core/' },
      to: { path: ['^server/src/(cli|service)/', '^server/src/server\\.ts$', '^client/', '^shared/protocol\\.ts$', '^(vscode|vscode-languageserver.*|vscode-languageclient|vscode-jsonrpc)$'] },
    },
    {
      name: 'front-door',
      comment: 'The CLI and the language server enter the core only through core/actions/, and use the model, the code table and l10n.',
      severity: 'error',
      from: { path: ['^server/src/(cli|service)/', '^server/src/server\\.ts$'] },
      to: { path: '^server/src/core/', pathNot: '^server/src/core/(actions/|model\\.ts$|codes\\.ts$|l10n\\.ts$)' },
    },
    {
      name: 'service-touches-no-files',
      comment: 'The language service is pure: files are read and written by the actions it calls.',
      severity: 'error',
      from: { path: '^server/src/service/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|worker_threads|net|http|https)$' },
    },
    {
      name: 'client-is-thin',
      comment: 'The extension talks to the server over the protocol: it imports shared/, never the server.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    {
      name: 'shared-is-the-contract',
      comment: 'shared/ is what both sides import; it imports neither.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: ['^server/', '^client/'] },
    },
    {
      name: 'no-circular',
      comment: 'Modules that import each other (type-only imports aside) cannot be understood, tested or moved alone.',
      severity: 'error',
      from: { path: '^(server|client|shared)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|test|bench|scripts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
