import { currentBackend, tf } from '@fanin/core';

/** What the page can prove about the backend that ran its computations. */
export interface BackendInfo {
  /** tfjs's name for the active backend: "webgl", "wasm" or "cpu". */
  readonly name: string;
  /** WebGL version tfjs uses (1 or 2), when the backend is webgl. */
  readonly webglVersion?: number;
  /** The GPU renderer the WebGL context reports (SwiftShader in headless Chromium). */
  readonly renderer?: string;
  /** Shader programs compiled so far: non-zero once kernels have really run on WebGL. */
  readonly compiledPrograms?: number;
  /** Whether tfjs stores float32 textures (full precision) on this device. */
  readonly float32Textures?: boolean;
}

interface WebglBackendInternals {
  gpgpu?: { gl?: WebGLRenderingContext | WebGL2RenderingContext };
  binaryCache?: Record<string, unknown>;
}

/**
 * Reports the active backend, and for webgl the evidence that it is real: a live WebGL
 * context, its renderer and the number of compiled shader programs.
 */
export function backendInfo(): BackendInfo {
  const name = currentBackend() ?? 'none';
  if (name !== 'webgl') return { name };
  const backend = tf.backend() as unknown as WebglBackendInternals;
  const gl = backend.gpgpu?.gl;
  let renderer: string | undefined;
  if (gl) {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  }
  return {
    name,
    webglVersion: tf.env().getNumber('WEBGL_VERSION'),
    ...(renderer ? { renderer } : {}),
    compiledPrograms: Object.keys(backend.binaryCache ?? {}).length,
    float32Textures: tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED'),
  };
}

/** A short label for the badge shown by every demo, e.g. "webgl 2 · SwiftShader". */
export function backendLabel(info: BackendInfo): string {
  if (info.name !== 'webgl') return info.name;
  const renderer = info.renderer ? ` · ${info.renderer.replace(/^ANGLE \((.*)\)$/, '$1')}` : '';
  return `webgl ${info.webglVersion ?? ''}${renderer}`.trim();
}
