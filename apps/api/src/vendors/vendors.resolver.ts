import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind, type Viewer } from '@app/accounts';
import { type Vendor, VendorsService } from '@app/vendors';
import { CurrentViewer, Roles } from '../auth/auth.decorators';
import type { GraphQLContext, NoArgs } from '../graphql/graphql-context';
import { CategoryModel } from '../taxonomy/category.model';
import { UpdateVendorProfileInput } from './vendor.inputs';
import { ServiceArea, VendorModel, VendorRating } from './vendor.model';

@Resolver(() => VendorModel)
export class VendorsResolver {
  constructor(private readonly vendors: VendorsService) {}

  @Query(() => VendorModel, { description: "A vendor's public profile." })
  vendor(@Args('id', { type: () => ID }) id: string) {
    return this.vendors.findById(id);
  }

  @Roles(AccountKind.VENDOR)
  @Query(() => VendorModel, { description: "The signed-in vendor's own profile." })
  myVendorProfile(@CurrentViewer() viewer: Viewer) {
    return this.vendors.myProfile(viewer);
  }

  @Roles(AccountKind.VENDOR)
  @Mutation(() => VendorModel)
  updateVendorProfile(@CurrentViewer() viewer: Viewer, @Args('input') input: UpdateVendorProfileInput) {
    return this.vendors.updateProfile(viewer, input);
  }

  @ResolveField(() => [CategoryModel])
  async categories(vendor: Vendor, _args: NoArgs, context: GraphQLContext) {
    const categories = await context.loaders.category.loadMany(vendor.categoryCodes);
    return categories.filter((category): category is CategoryModel => !!category && !(category instanceof Error));
  }

  @ResolveField(() => ServiceArea, { nullable: true })
  serviceArea(vendor: Vendor): ServiceArea | null {
    if (vendor.serviceLat === null || vendor.serviceLng === null || vendor.serviceRadiusKm === null) return null;
    return { lat: vendor.serviceLat, lng: vendor.serviceLng, radiusKm: vendor.serviceRadiusKm };
  }

  @ResolveField(() => VendorRating)
  rating(vendor: Vendor): VendorRating {
    return { average: vendor.ratingAverage, count: vendor.ratingCount };
  }
}
