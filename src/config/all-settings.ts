/**
 * Imports every module that declares settings, so the table is complete before it is validated
 * or printed. Each stage or provider adds one side-effect import line here for its settings module
 * (a light module: settings only, no heavy dependencies).
 */
import './core-settings.ts';
import '../net/settings.ts';
import '../translate/providers/index.ts';
import '../jobs/settings.ts';
import '../takes/settings.ts';
import '../server/settings.ts';
import '../stories/settings.ts';
