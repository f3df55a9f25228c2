export * from './vendor.entity';
export * from './vendors.service';
