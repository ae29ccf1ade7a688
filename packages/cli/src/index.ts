/** `@wsbridge/cli` as a library: the generators behind `wsbridge types|schema|asyncapi`. */
export { toJsonSchemas, type RouteSchemas, type JsonSchemaOptions, type JsonSchema } from './json-schema.js'
export { toWireJsonSchema, NoJsonSchemaConverterError, type JsonSchemaErrorMode } from './schema-converters.js'
export { toAsyncApi, type AsyncApiInfo, type AsyncApiOptions } from './asyncapi.js'
export { toTypesFile, type TypesFileOptions } from './types-file.js'
export { toTsType } from './schema-to-ts.js'
export { loadRoutes } from './load.js'
export { listRoutes, type RouteInfo } from './routes.js'
export { main, USAGE } from './cli.js'
