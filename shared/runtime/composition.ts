/**
 * A function's composition root: `functions/<name>/wiring.ts` builds every service that function uses,
 * once per dependencies object. The dependencies are built once per cold start (runtime/deps.ts
 * `loadDeps`), so warm invocations share the services; tests inject their own dependencies and get
 * their own services. This is the only memo of services a function has: shared modules export
 * factories and receive their collaborators from the root.
 */
export function compositionRoot<D extends object, S>(build: (deps: D) => S): (deps: D) => S {
  const built = new WeakMap<D, S>();
  return (deps) => {
    let services = built.get(deps);
    if (services === undefined) built.set(deps, (services = build(deps)));
    return services;
  };
}
