/** Every migration in order. A new generated migration is added here. */
export const MIGRATIONS: Function[] = [];
