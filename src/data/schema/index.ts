// One file per table group; each migration in ../migrations has its Drizzle mirror here.
export * from './core.ts'
export * from './register.ts'
export * from './plans.ts'
export * from './interventions.ts'
export * from './apiClients.ts'
export * from './insight.ts'
export * from './auditCheckpoint.ts'
export * from './caseworkUploads.ts'
