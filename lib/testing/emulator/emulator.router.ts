import { EMULATOR_ROUTES, type EmulatorRoute } from './emulator.routes.js';
import type { FaultTarget } from './http/fault.registry.js';

/**
 * Outcome of routing one request.
 * @internal
 */
export type RouteResult =
  | {
      kind: 'match';
      route: EmulatorRoute;
      params: Record<string, string>;
      target: FaultTarget;
    }
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' }
  | { kind: 'badPath' };

/**
 * A request that found its route.
 * @internal
 */
export type RouteMatch = Extract<RouteResult, { kind: 'match' }>;

interface CompiledRoute {
  route: EmulatorRoute;
  segments: string[];
  baseLength: number;
}

const COMPILED: CompiledRoute[] = EMULATOR_ROUTES.map((route) => ({
  route,
  segments: `${route.base}${route.template}`.split('/'),
  baseLength: route.base.split('/').length,
}));

function decodeSegments(rawPath: string): string[] | undefined {
  const path =
    rawPath.length > 1 && rawPath.endsWith('/')
      ? rawPath.slice(0, -1)
      : rawPath;
  try {
    // Split before decoding so that an encoded `/` (`%2F`) stays inside
    // its segment: IDs may contain it (PROTOCOL §3.14).
    return path.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
}

function matchSegments(
  pattern: string[],
  segments: string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith('{')) {
      if (segment === '') {
        return undefined;
      }
      params[part.slice(1, -1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }

  return params;
}

/**
 * Finds the route for a method and raw path, decoding every path segment.
 * @internal
 */
export function matchRoute(method: string, rawPath: string): RouteResult {
  const segments = decodeSegments(rawPath);
  if (segments === undefined) {
    return { kind: 'badPath' };
  }
  const allow: string[] = [];
  for (const { route, segments: pattern, baseLength } of COMPILED) {
    const params = matchSegments(pattern, segments);
    if (params === undefined) {
      continue;
    }
    if (route.method !== method) {
      allow.push(route.method);
      continue;
    }
    const relative = `/${segments.slice(baseLength).join('/')}`;
    const target: FaultTarget = {
      routeId: route.id,
      template: `${method} ${route.template}`,
      concrete: `${method} ${relative}`,
    };

    return { kind: 'match', route, params, target };
  }

  return allow.length > 0 ? { kind: 'method', allow } : { kind: 'none' };
}
