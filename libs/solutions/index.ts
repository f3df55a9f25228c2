// The public face of libs/solutions: what other contexts and the apps may import (as @app/solutions).
export * from './intent-solution.entity';
export * from './solutions.module';
export * from './solutions.service';
