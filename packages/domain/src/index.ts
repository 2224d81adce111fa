export * from './atensi.js';
export * from './errors.js';
export * from './password-policy.js';
export * from './ppks.js';
export * from './roles.js';
export * from './tahapan.js';
export * from './wilayah.js';
