// Every decorator reads or writes through this file, so loading it installs the Reflect metadata
// API: bots do not need their own `import 'reflect-metadata'` before importing OvenJS.
import 'reflect-metadata';

// Reflect-metadata keys written by the decorators and read by the module compiler.
export const MODULE_METADATA = Symbol('oven:module');
export const GLOBAL_MODULE = Symbol('oven:global');
export const INJECTABLE_METADATA = Symbol('oven:injectable');
export const INJECT_METADATA = Symbol('oven:inject');
export const OPTIONAL_METADATA = Symbol('oven:optional');
export const PROPERTY_INJECT_METADATA = Symbol('oven:inject-property');
export const OPTIONAL_PROPERTY_METADATA = Symbol('oven:optional-property');
export const PROPERTY_TYPE = 'design:type';
export const PARAM_TYPES = 'design:paramtypes';
