// Where the paths a campaign names may lead: the folders the user allowed (CLI, environment, editor).
// A module of its own, so that reading the command line loads no other action.
export { ALLOW_ENV, allowedFolders, isInsideAny } from '../io/containment';
