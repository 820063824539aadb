// Test builders for every OCPI object: `aLocation({ ... })` returns a valid object with the given fields replaced.
export * from './time';
export * from './locations';
export * from './tokens';
export * from './tariffs';
export * from './sessions';
export * from './commands';
export * from './chargingprofiles';
export * from './hubclientinfo';
export * from './issues';
export * from './nulls';
