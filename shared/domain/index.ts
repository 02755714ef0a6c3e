export * from './order';
export * from './printer';
export * from './station';
export * from './paperNames';
