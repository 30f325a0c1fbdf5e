// What the adapters print with besides the operations' results: terminal-safe text and spelling
// suggestions (the CLI), the bulletin's own name forms (its overview lines).
export type { BulletinModel, KindFigures as BulletinKindFigures } from '../bulletin/bulletinModel';
export { subjectOf as entityName } from '../bulletin/wording';
export { escapeForTerminal } from '../io/unsafeText';
export { suggest } from '../validate/suggest';
