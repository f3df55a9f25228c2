export interface PlaybookSeed {
  code: string;
  name: string;
  description: string;
  components: Array<{ title: string; categoryCode: string; explanation: string; optional?: boolean }>;
}

/** Version 1 of the seeded life-event playbooks. Frozen once shipped: a migration seeds exactly this list. */
export const PLAYBOOKS_V1: readonly PlaybookSeed[] = [
  {
    code: 'moving-house',
    name: 'Moving house',
    description:
      'Everything around a move: getting your things there, leaving the old place clean, setting up the new one.',
    components: [
      { title: 'Removals', categoryCode: 'moving.removals', explanation: 'A crew and a van to move your belongings.' },
      {
        title: 'Packing',
        categoryCode: 'moving.packing',
        explanation: 'Boxes and packing, if you would rather not do it yourself.',
        optional: true,
      },
      {
        title: 'End of tenancy clean',
        categoryCode: 'moving.cleaning',
        explanation: 'Leaves the old place ready for inspection, so you get your deposit back.',
      },
      {
        title: 'Storage',
        categoryCode: 'moving.storage',
        explanation: 'Somewhere for things while dates between homes do not line up.',
        optional: true,
      },
      {
        title: 'Broadband at the new home',
        categoryCode: 'moving.broadband',
        explanation: 'Installation can take weeks: order it early.',
      },
      {
        title: 'Switch utilities',
        categoryCode: 'moving.utilities',
        explanation: 'Gas, electricity and water in your name from the moving day.',
        optional: true,
      },
      {
        title: 'Mail redirection',
        categoryCode: 'moving.mail_redirect',
        explanation: 'Post keeps reaching you while you update your address everywhere.',
        optional: true,
      },
    ],
  },
  {
    code: 'bereavement',
    name: 'After a death',
    description: 'The practical steps after someone dies, in roughly the order they come.',
    components: [
      {
        title: 'Funeral director',
        categoryCode: 'bereavement.funeral_directors',
        explanation: 'Cares for the person who died and arranges the funeral with you.',
      },
      {
        title: 'Cremation or burial',
        categoryCode: 'bereavement.cremation',
        explanation: 'The crematorium or cemetery, often booked by the funeral director.',
      },
      {
        title: 'Flowers',
        categoryCode: 'bereavement.flowers',
        explanation: 'Flowers for the service.',
        optional: true,
      },
      {
        title: 'Wake catering',
        categoryCode: 'bereavement.wake_catering',
        explanation: 'Food and drink for people gathering after the service.',
        optional: true,
      },
      {
        title: 'Probate',
        categoryCode: 'bereavement.probate',
        explanation: 'The legal right to deal with the estate.',
      },
      {
        title: 'House clearance',
        categoryCode: 'bereavement.house_clearance',
        explanation: 'Clearing the home once the estate allows it.',
        optional: true,
      },
      {
        title: 'Headstone or memorial',
        categoryCode: 'bereavement.headstones',
        explanation: 'Usually months later, once the ground has settled.',
        optional: true,
      },
      {
        title: 'Grief support',
        categoryCode: 'bereavement.grief_counselling',
        explanation: 'Someone to talk to.',
        optional: true,
      },
    ],
  },
  {
    code: 'trip-flights-accommodation',
    name: 'A trip with flights and accommodation',
    description: 'Getting there, a place to stay, and the bits in between.',
    components: [
      { title: 'Flights', categoryCode: 'travel.flights', explanation: 'Return flights for everyone travelling.' },
      {
        title: 'Accommodation',
        categoryCode: 'travel.accommodation',
        explanation: 'Hotel, apartment or holiday let for the nights away.',
      },
      {
        title: 'Airport transfers',
        categoryCode: 'travel.airport_transfers',
        explanation: 'From the airport to where you stay and back.',
        optional: true,
      },
      {
        title: 'Car hire',
        categoryCode: 'travel.car_hire',
        explanation: 'If you want to explore beyond the city.',
        optional: true,
      },
      {
        title: 'Travel insurance',
        categoryCode: 'travel.insurance',
        explanation: 'Cancellation, medical and luggage cover.',
      },
    ],
  },
  {
    code: 'new-baby',
    name: 'A new baby',
    description: 'What most families sort out before and just after a baby arrives.',
    components: [
      {
        title: 'Nursery furniture',
        categoryCode: 'baby.nursery_furniture',
        explanation: 'A cot, a changing table, storage.',
      },
      {
        title: 'Pram and car seat',
        categoryCode: 'baby.equipment',
        explanation: 'A car seat is needed to leave hospital by car.',
      },
      {
        title: 'Antenatal classes',
        categoryCode: 'baby.maternity',
        explanation: 'Preparing for the birth and the first weeks.',
        optional: true,
      },
      {
        title: 'Newborn photos',
        categoryCode: 'baby.photography',
        explanation: 'Best in the first two weeks.',
        optional: true,
      },
      {
        title: 'Postnatal support',
        categoryCode: 'baby.postnatal',
        explanation: 'Help at night or with feeding in the first weeks.',
        optional: true,
      },
    ],
  },
  {
    code: 'used-car',
    name: 'Buying a used car',
    description: 'Checks and cover so a second-hand car does not become an expensive surprise.',
    components: [
      {
        title: 'Vehicle history check',
        categoryCode: 'used_car.history_check',
        explanation: 'Outstanding finance, write-offs, mileage and MOT history.',
      },
      {
        title: 'Independent inspection',
        categoryCode: 'used_car.inspection',
        explanation: 'A mechanic looks at the car before you pay.',
      },
      {
        title: 'Car insurance',
        categoryCode: 'used_car.insurance',
        explanation: 'You need cover before driving it away.',
      },
      {
        title: 'Finance',
        categoryCode: 'used_car.finance',
        explanation: 'If you are not paying outright.',
        optional: true,
      },
      {
        title: 'Warranty',
        categoryCode: 'used_car.warranty',
        explanation: 'Cover for repairs after the sale.',
        optional: true,
      },
    ],
  },
];
