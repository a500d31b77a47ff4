// Every migration, in order. Listed by hand so that the app, the TypeORM CLI and
// the tests load exactly the same set whether they run from src/ or dist/.
import { CreateArticles1764300000000 } from './1764300000000-CreateArticles';
import { CreateUsersAndSessions1764300100000 } from './1764300100000-CreateUsersAndSessions';
import { CreateComments1764300200000 } from './1764300200000-CreateComments';
import { AddRestorationRequests1764300300000 } from './1764300300000-AddRestorationRequests';
import { AddDataDeletionRequestDigest1764300400000 } from './1764300400000-AddDataDeletionRequestDigest';
import { AddModeration1764300500000 } from './1764300500000-AddModeration';
import { AddWidgetTokens1764300600000 } from './1764300600000-AddWidgetTokens';
import { AddCommentToxicity1764400000000 } from './1764400000000-AddCommentToxicity';
import { DeferCommentForeignKeys1764400200000 } from './1764400200000-DeferCommentForeignKeys';
import { AddListVersions1764400210000 } from './1764400210000-AddListVersions';

export const migrations = [
  CreateArticles1764300000000,
  CreateUsersAndSessions1764300100000,
  CreateComments1764300200000,
  AddRestorationRequests1764300300000,
  AddDataDeletionRequestDigest1764300400000,
  AddModeration1764300500000,
  AddWidgetTokens1764300600000,
  AddCommentToxicity1764400000000,
  DeferCommentForeignKeys1764400200000,
  AddListVersions1764400210000,
];
