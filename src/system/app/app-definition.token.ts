/**
 * The `system/app` definition holder by token: roles list their apps (`app_by_role_id`) while the
 * app definition refers to roles (`role_by_role_id`), so the role side looks it up lazily by this
 * token instead of importing the app module's class.
 */
export const APP_DEFINITION = Symbol('APP_DEFINITION');
