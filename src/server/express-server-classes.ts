// Request and response objects born with an Express app's prototypes: for node:http's createServer, and for the
// in-process requests of a $batch.
//
// Express gives every request and response its app's prototype (`Object.setPrototypeOf(req, app.request)`). On V8 11
// (Node 20), each property added to an object after its prototype changed makes a new hidden class: no two requests
// then share one, every middleware's property accesses on req and res miss their inline caches, and each property a
// middleware adds copies a map (≈30 % of a GET by key's CPU in a `perf` profile of the standalone server). An object
// created with the app's prototype already makes Express's change a no-op, so requests share their hidden classes.
import { IncomingMessage, ServerResponse, type ServerOptions } from 'node:http';

/** What Express sets as the prototypes of its requests and responses (an Express app has both). */
export interface ExpressPrototypes {
  readonly request: object;
  readonly response: object;
}

export type ServerClasses = Required<Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>>;

/** Classes whose prototypes are bound later, by `adopt(app)`, before the server answers its first request. */
export interface LateBoundClasses {
  readonly classes: ServerClasses | Record<string, never>;
  adopt(app: ExpressPrototypes): void;
}

type Construct<T> = new (...args: never[]) => T;

/**
 * For `http.createServer({ ...expressServerClasses(app) }, app)`. Where Node's classes cannot be called as functions
 * (a Node that makes them ES classes) it gives no classes, and the server uses Node's own (correct, only slower).
 */
export function expressServerClasses(app: ExpressPrototypes): ServerClasses | Record<string, never> {
  const late = lateBoundServerClasses();
  late.adopt(app);
  return late.classes;
}

export function lateBoundServerClasses(): LateBoundClasses {
  const request = callableSubclass(IncomingMessage);
  const response = callableSubclass(ServerResponse);
  if (!request || !response) return { classes: {}, adopt: () => undefined };
  return {
    classes: { IncomingMessage: request as typeof IncomingMessage, ServerResponse: response as unknown as typeof ServerResponse },
    adopt(app) {
      if (!(app.request instanceof IncomingMessage) || !(app.response instanceof ServerResponse)) {
        throw new TypeError('expressServerClasses: the app\'s request and response prototypes do not extend node:http\'s');
      }
      request.prototype = app.request;
      response.prototype = app.response;
    },
  };
}

/**
 * A constructor of `Base`'s objects whose prototype is `prototype` (one per prototype, kept while it lives), or
 * undefined where Base is an ES class.
 */
export function constructorWithPrototype<T extends object>(Base: Construct<T>, prototype: object): Construct<T> | undefined {
  let byPrototype = made.get(Base) as WeakMap<object, Construct<T>> | undefined;
  if (!byPrototype) made.set(Base, byPrototype = new WeakMap());
  let constructor = byPrototype.get(prototype);
  if (!constructor) {
    constructor = callableSubclass(Base);
    if (!constructor) return undefined;
    constructor.prototype = prototype;
    byPrototype.set(prototype, constructor);
  }
  return constructor;
}

const made = new WeakMap<object, WeakMap<object, unknown>>();

// Calling Base's own constructor on `this` keeps `this`'s prototype, and so the hidden class V8 caches for it;
// Reflect.construct with a new target was measured to make a new one per object.
function callableSubclass<T extends object>(Base: Construct<T>): Construct<T> | undefined {
  if (/^class\b/.test(Function.prototype.toString.call(Base))) return undefined;
  const init = Base as unknown as (this: T, ...args: unknown[]) => void;
  function Born(this: T, ...args: unknown[]): void {
    init.apply(this, args);
  }
  Born.prototype = Base.prototype as object;
  return Born as unknown as Construct<T>;
}
