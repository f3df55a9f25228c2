// The public face of libs/vault: what other contexts and the apps may import (as @app/vault).
export * from './vault-crypto';
export * from './vault-item-keys';
export * from './vault-item.entity';
export * from './vault-key.entity';
export * from './vault.module';
export * from './vault.service';
